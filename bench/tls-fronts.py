#!/usr/bin/env python3
"""Which long-lived TLS terminator to put in front of the per-connection handler (issue 23): each candidate
measured against the FastAPI original over TLS (uvicorn, client certificates required) in the same run.

Candidates, all on 127.0.0.1 with the same throwaway PKI (scripts/make-test-pki: ECDSA P-256), all requiring a
client certificate that chains to the test CA:
  - plain HTTP: systemd-socket-activate (Accept=yes semantics) -> atm-handler, no TLS (the resumption budget's base);
  - shipped: scripts/serve with TLS (xinetd -> one stunnel per connection -> atm-handler), what ships today;
  - stunnel daemon: one long-lived stunnel with `accept` and `exec = atm-handler` (still forks a handler per
    connection and still sets SSL_CLIENT_DN);
  - haproxy: one long-lived haproxy terminating TLS in TCP mode, connecting per connection to a Unix socket where
    systemd-socket-activate starts the plain atm-handler. Timing only: haproxy sends no PROXY header here (the
    handler does not read one yet), so this is that chain less the parsing of a header of about 100 bytes;
  - TLS floor: the same haproxy answering a fixed response itself (no handler): the handshake's share;
  - the original: uvicorn --ssl-cert-reqs 2 (../shared/peers/fastapi_atm/run.sh with TLS_CERT, TLS_KEY,
    TLS_CLIENT_CA).
Each is measured with one client (a new connection per request; full handshakes, then resumed ones with the
session of the previous connection) and with 8 clients (8 processes, new connection per request, requests/s),
over ROUNDS interleaved rounds; medians of the rounds are reported. The client is Python's ssl module, the same for
every candidate, so its own cost is in every figure and the ratios are what to read.
Writes a Markdown section to stdout.    python3 bench/tls-fronts.py [REQUESTS] [ROUNDS] [SECONDS]
"""
import multiprocessing, os, shutil, socket, ssl, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bin_dir = os.environ.get("ATM_BIN_DIR", os.path.join(root, ".build/shipped"))
peer = os.environ.get("BENCH_PEER", os.path.join(os.path.dirname(root), "shared/peers/fastapi_atm"))
venv = os.environ.get("BENCH_PEER_VENV", os.path.join(root, "bench/out/fastapi-venv"))
count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
work = tempfile.mkdtemp(prefix="atm-bench-tls-fronts.")
pki = os.path.join(work, "pki")
subprocess.run([os.path.join(root, "scripts/make-test-pki"), pki], check=True, stdout=subprocess.DEVNULL)
with open(f"{pki}/combined.pem", "w") as out:
    out.write(open(f"{pki}/server.pem").read() + open(f"{pki}/server.key").read())
request = b"GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
processes = []


def hold_port():
    """A port picked by the kernel and held until the candidate binds it (closed just before)."""
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    return s


def start(argv, env=None, log="log"):
    full = dict(os.environ, **(env or {}))
    out = open(os.path.join(work, log), "ab")
    process = subprocess.Popen(argv, env=full, stdout=out, stderr=out, start_new_session=True)
    processes.append(process)
    return process


def wait_listening(port, what):
    for _ in range(3000):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.01)
    raise SystemExit(f"tls-fronts: {what} did not listen on {port} (logs in {work})")


def context():
    c = ssl.create_default_context(cafile=f"{pki}/ca.pem")
    c.load_cert_chain(f"{pki}/terminal-0042.pem", f"{pki}/terminal-0042.key")
    return c


def one(port, ctx, session=None):
    with socket.create_connection(("127.0.0.1", port)) as raw:
        conn = ctx.wrap_socket(raw, server_hostname="localhost", session=session) if ctx else raw
        conn.sendall(request)
        data = b""
        while chunk := conn.recv(4096):
            data += chunk
        kept = conn.session if ctx else None
        reused = ctx is not None and conn.session_reused
    if not data.startswith(b"HTTP/1.1 200"):
        raise SystemExit(f"tls-fronts: port {port} answered {data[:60]!r}")
    return kept, reused


def latency(port, tls, resume):
    ctx = context() if tls else None
    times, session, reused = [], None, 0
    if resume:
        session, _ = one(port, ctx)
    for _ in range(count):
        start_time = time.perf_counter()
        kept, was_reused = one(port, ctx, session if resume else None)
        times.append((time.perf_counter() - start_time) * 1000)
        if resume:
            session, reused = kept, reused + was_reused
    return statistics.median(times), reused / count


def client_loop(port, tls, until, done):
    ctx = context() if tls else None
    n = 0
    while time.time() < until:
        one(port, ctx)
        n += 1
    done.put(n)


def throughput(port, tls, clients=8):
    done = multiprocessing.Queue()
    until = time.time() + seconds
    workers = [multiprocessing.Process(target=client_loop, args=(port, tls, until, done)) for _ in range(clients)]
    for w in workers:
        w.start()
    total = sum(done.get() for _ in workers)
    for w in workers:
        w.join()
    return total / seconds


def main():
    handler = os.path.join(bin_dir, "atm-handler")
    stated_socket = os.path.join(work, "stated.sock")
    base = {"ATM_STATED_SOCKET": stated_socket}
    start([os.path.join(bin_dir, "atm-stated"), "--socket", stated_socket], {"ATM_STATED_RATE_PER_MINUTE": "0"})
    for _ in range(500):
        if os.path.exists(stated_socket):
            break
        time.sleep(0.01)
    activate = shutil.which("systemd-socket-activate")
    candidates = []  # (label, port, tls)

    held = hold_port(); port = held.getsockname()[1]; held.close()
    start([activate, "--inetd", "-a", "-l", f"127.0.0.1:{port}", "-E", "ATM_STATED_SOCKET", handler], base)
    candidates.append(("plain HTTP (no TLS)", port, False))

    held = hold_port(); port = held.getsockname()[1]; held.close()
    start([os.path.join(root, "scripts/serve")], dict(ATM_BIN_DIR=bin_dir, PORT=str(port), HOST="127.0.0.1",
          ATM_TLS_CERT=f"{pki}/server.pem", ATM_TLS_KEY=f"{pki}/server.key", ATM_TLS_CLIENT_CA=f"{pki}/ca.pem",
          ATM_STATED_RATE_PER_MINUTE="0"))
    candidates.append(("shipped: xinetd, stunnel per connection", port, True))

    held = hold_port(); port = held.getsockname()[1]; held.close()
    stunnel_conf = os.path.join(work, "stunnel.conf")
    with open(stunnel_conf, "w") as f:
        f.write(f"foreground = yes\npid =\noutput = {work}/stunnel.log\ndebug = notice\n[atm]\n"
                f"accept = 127.0.0.1:{port}\ncert = {pki}/server.pem\nkey = {pki}/server.key\n"
                f"CAfile = {pki}/ca.pem\nrequireCert = yes\nverifyChain = yes\nsslVersionMin = TLSv1.2\n"
                f"renegotiation = no\nexec = {handler}\nexecArgs = atm-handler\n")
    start([shutil.which("stunnel4") or shutil.which("stunnel"), stunnel_conf], base)
    candidates.append(("stunnel daemon, exec per connection", port, True))

    unix = os.path.join(work, "handler.sock")
    start([activate, "--inetd", "-a", "-l", unix, "-E", "ATM_STATED_SOCKET", handler], base)
    held = hold_port(); port = held.getsockname()[1]; floor_held = hold_port()
    floor_port = floor_held.getsockname()[1]; held.close(); floor_held.close()
    bind = f"ssl crt {pki}/combined.pem ca-file {pki}/ca.pem verify required ssl-min-ver TLSv1.2"
    haproxy_conf = os.path.join(work, "haproxy.cfg")
    with open(haproxy_conf, "w") as f:
        f.write("global\n    maxconn 4096\ndefaults\n    timeout connect 5s\n    timeout client 30s\n"
                "    timeout server 30s\n"
                f"frontend tls\n    mode tcp\n    bind 127.0.0.1:{port} {bind}\n    default_backend handler\n"
                f"backend handler\n    mode tcp\n    server handler unix@{unix}\n"
                f"frontend floor\n    mode http\n    bind 127.0.0.1:{floor_port} {bind}\n"
                "    http-request return status 200 content-type application/json string '{\"balance\":\"0.00\"}'"
                " hdr Connection close\n")
    start([shutil.which("haproxy"), "-db", "-f", haproxy_conf])
    candidates.append(("haproxy, Unix socket, socket-activated handler", port, True))
    candidates.append(("TLS floor: haproxy answers itself", floor_port, True))

    held = hold_port(); port = held.getsockname()[1]; held.close()
    start([os.path.join(peer, "run.sh"), str(port)], dict(VENV=venv, PRELOAD_ACCOUNTS='{"1001":"1000.00"}',
          TLS_CERT=f"{pki}/server.pem", TLS_KEY=f"{pki}/server.key", TLS_CLIENT_CA=f"{pki}/ca.pem"), "uvicorn.log")
    candidates.append(("the original: uvicorn, TLS", port, True))

    for label, port, _ in candidates:
        wait_listening(port, label)
    results = {label: {"full": [], "resumed": [], "share": [], "rate": []} for label, _, _ in candidates}
    for _ in range(rounds):
        for label, port, tls in candidates:
            results[label]["full"].append(latency(port, tls, False)[0])
            if tls:
                median, share = latency(port, tls, True)
                results[label]["resumed"].append(median)
                results[label]["share"].append(share)
            results[label]["rate"].append(throughput(port, tls))
    med = {label: {k: statistics.median(v) if v else None for k, v in r.items()} for label, r in results.items()}
    original = med["the original: uvicorn, TLS"]
    plain = med["plain HTTP (no TLS)"]
    print("## TLS fronts: a long-lived terminator before the per-connection handler\n")
    print(f"`python3 bench/tls-fronts.py {count} {rounds} {seconds:g}`: GET balance, a new connection per request;")
    print(f"medians of {rounds} interleaved rounds ({count} requests one client at a time, then {seconds:g} s of 8")
    print("clients). Budgets (issue 23): full handshake ≤ 0.8× the original's median; resumed ≤ 1.5× our plain")
    print("HTTP; 8 clients ≥ 1.5× the original's requests/s.\n")
    print("| front | full ms | × original | resumed ms | × our plain | 8 clients req/s | × original |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, _, tls in candidates:
        m = med[label]
        resumed = "– | –"
        if tls:
            resumed = f"{m['resumed']:.2f} ({m['share']:.0%} resumed) | {m['resumed'] / plain['full']:.2f}"
        print(f"| {label} | {m['full']:.2f} | {m['full'] / original['full']:.2f} | {resumed} | "
              f"{m['rate']:,.0f} | {m['rate'] / original['rate']:.2f} |")


try:
    main()
finally:
    for process in processes:
        try:
            os.killpg(process.pid, 15)
        except ProcessLookupError:
            pass
    for process in processes:
        process.wait()
    shutil.rmtree(work, ignore_errors=True)
