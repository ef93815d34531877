# Sourced by the checks that need a live service (check-redbot, check-docs-browser).
#
# start_live_service DIR: runs scripts/serve on 127.0.0.1 on a port the kernel picked, with its
# runtime under DIR, and sets `port` and `serve_pid`. The port counts as ours only once serve says
# it listens (it exits if the bind fails), so a port taken in between is retried with another.
# stop_live_service: stops it (SIGTERM: a background job of a script ignores SIGINT).
start_live_service() {
    local dir=$1 candidate attempt
    port=""
    serve_pid=""
    for attempt in 1 2 3 4 5; do
        candidate=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        PORT=$candidate HOST=127.0.0.1 ATM_RUNTIME_DIR=$dir/run "$root/scripts/serve" >"$dir/serve.log" 2>&1 &
        serve_pid=$!
        for _ in $(seq 1 600); do
            grep -q '^serve: http://' "$dir/serve.log" && break
            kill -0 "$serve_pid" 2>/dev/null || break
            sleep 0.05
        done
        if grep -q '^serve: http://' "$dir/serve.log"; then
            port=$candidate
            return 0
        fi
        wait "$serve_pid" 2>/dev/null || true
        serve_pid=""
    done
    echo "scripts/serve did not start:" >&2
    cat "$dir/serve.log" >&2
    return 70
}

stop_live_service() {
    if [ -n "${serve_pid:-}" ]; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
        serve_pid=""
    fi
}
