#!/usr/bin/env python3
"""The secure path against the original over TLS (issue 23), in one run: what ships (scripts/serve with HTTPS:
one long-lived haproxy, systemd/atm-tls.haproxy, connecting per connection to a Unix socket where
systemd-socket-activate starts atm-handler, which reads the PROXY v2 header) against the FastAPI original under
uvicorn with client certificates required (../shared/peers/fastapi_atm/run.sh with TLS_CERT, TLS_KEY,
TLS_CLIENT_CA), with our plain HTTP (systemd-socket-activate -> atm-handler) and a TLS-only floor (the same haproxy
settings answering a fixed response itself: the handshake's share) beside them.

All on 127.0.0.1 with one throwaway PKI (scripts/make-test-pki: ECDSA P-256), a client certificate required.
Measured over ROUNDS interleaved rounds, medians of the rounds reported:
  - one client, a new connection per request: full handshakes, then resumed ones (the previous connection's session);
  - 8 clients (8 processes), a new connection per request: requests/s;
  - keep-alive, 8 clients each on one connection (ours with ATM_KEEP_ALIVE_REQUESTS=1000; uvicorn keeps a
    connection without a limit): requests/s.
The client is bench/tls-load.c (OpenSSL, threads; built here), the same for every candidate: in C, so that its
own cost is small next to the servers' (Python's ssl module costs more per handshake than haproxy does). Budgets (issue 23) are checked at the end; the exit status is 0 either way (bench/run
reports, it does not gate). Writes a Markdown section to stdout.
    python3 bench/tls-fronts.py [REQUESTS] [ROUNDS] [SECONDS]
"""
import os, shutil, socket, statistics, subprocess, sys, tempfile, time

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
os.symlink(f"{pki}/server.key", f"{pki}/server.pem.key")  # haproxy reads a certificate's key from PATH.key
client = os.path.join(work, "tls-load")
subprocess.run(["gcc", "-O2", "-Wall", "-pthread", os.path.join(root, "bench/tls-load.c"), "-o", client, "-lssl",
                "-lcrypto"], check=True)
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


def load(port, tls, *arguments):
    """One run of bench/tls-load: its output's numbers."""
    credentials = [f"{pki}/ca.pem", f"{pki}/terminal-0042.pem", f"{pki}/terminal-0042.key"] if tls else ["-"] * 3
    run = subprocess.run([client, str(port), *credentials, *map(str, arguments)], capture_output=True, text=True,
                         timeout=600)
    if run.returncode != 0:
        raise SystemExit(f"tls-fronts: tls-load on port {port} failed: {run.stderr.strip()} (logs in {work})")
    return [float(word) for word in run.stdout.split()]


def latency(port, tls, resume):
    """The median milliseconds of `count` requests, each on a new connection, and the share resumed."""
    median, share = load(port, tls, "resumed" if resume else "full", count)
    return median, share


def throughput(port, tls, clients=8, kept=False):
    """Requests/s of `clients` clients for `seconds`: a new connection per request, or kept-alive ones."""
    return load(port, tls, "kept" if kept else "new", clients, seconds)[0]


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
    candidates = []  # (label, port, tls, keep-alive measured)

    held = hold_port(); port = held.getsockname()[1]; held.close()
    start([activate, "--inetd", "-a", "-l", f"127.0.0.1:{port}", "-E", "ATM_STATED_SOCKET", handler], base)
    candidates.append((PLAIN, port, False, False))

    held = hold_port(); port = held.getsockname()[1]; held.close()
    start([os.path.join(root, "scripts/serve")], dict(ATM_BIN_DIR=bin_dir, PORT=str(port), HOST="127.0.0.1",
          ATM_TLS_CERT=f"{pki}/server.pem", ATM_TLS_KEY=f"{pki}/server.key", ATM_TLS_CLIENT_CA=f"{pki}/ca.pem",
          ATM_STATED_RATE_PER_MINUTE="0", ATM_KEEP_ALIVE_REQUESTS="1000"))
    candidates.append((SHIPPED, port, True, True))

    # The floor: the shipped TLS settings (the global section of systemd/atm-tls.haproxy), answering itself.
    held = hold_port(); floor_port = held.getsockname()[1]; held.close()
    shipped = open(os.path.join(root, "systemd/atm-tls.haproxy")).read()
    floor_conf = os.path.join(work, "floor.cfg")
    with open(floor_conf, "w") as f:
        f.write(shipped[shipped.index("global"):shipped.index("defaults")].replace("    master-worker\n", ""))
        f.write("defaults\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"
                f"frontend floor\n    mode http\n    bind 127.0.0.1:{floor_port} ssl crt {pki}/server.pem"
                f" ca-file {pki}/ca.pem verify required\n"
                "    http-request return status 200 content-type application/json string '{\"balance\":\"0.00\"}'"
                " hdr Connection close\n")
    start([shutil.which("haproxy"), "-db", "-f", floor_conf])
    candidates.append((FLOOR, floor_port, True, False))

    held = hold_port(); port = held.getsockname()[1]; held.close()
    start([os.path.join(peer, "run.sh"), str(port)], dict(VENV=venv, PRELOAD_ACCOUNTS='{"1001":"1000.00"}',
          TLS_CERT=f"{pki}/server.pem", TLS_KEY=f"{pki}/server.key", TLS_CLIENT_CA=f"{pki}/ca.pem"), "uvicorn.log")
    candidates.append((ORIGINAL, port, True, True))

    for label, port, _, _ in candidates:
        wait_listening(port, label)
    results = {label: {k: [] for k in ("full", "resumed", "share", "rate", "kept")} for label, *_ in candidates}
    for _ in range(rounds):
        for label, port, tls, kept in candidates:
            results[label]["full"].append(latency(port, tls, False)[0])
            if tls:
                median, share = latency(port, tls, True)
                results[label]["resumed"].append(median)
                results[label]["share"].append(share)
            results[label]["rate"].append(throughput(port, tls))
            if kept:
                results[label]["kept"].append(throughput(port, tls, kept=True))
    med = {label: {k: statistics.median(v) if v else None for k, v in r.items()} for label, r in results.items()}
    original, plain, ours, floor = med[ORIGINAL], med[PLAIN], med[SHIPPED], med[FLOOR]
    print("## HTTPS with client certificates: the shipped front against the original over TLS\n")
    print(f"`python3 bench/tls-fronts.py {count} {rounds} {seconds:g}`: GET balance; medians of {rounds} interleaved")
    print(f"rounds ({count} requests one client at a time, each on a new connection; then {seconds:g} s of 8 clients,")
    print("a new connection per request; then 8 clients on kept-alive connections). The client is bench/tls-load.c")
    print("(OpenSSL, one thread per client) for every row.\n")
    print("| front | full ms | × original | resumed ms | × our plain | 8 clients req/s | × original "
          "| keep-alive req/s | × original |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, _, tls, kept in candidates:
        m = med[label]
        resumed = "– | –"
        if tls:
            resumed = f"{m['resumed']:.2f} ({m['share']:.0%} resumed) | {m['resumed'] / plain['full']:.2f}"
        keep = f"{m['kept']:,.0f} | {m['kept'] / original['kept']:.2f}" if kept else "– | –"
        print(f"| {label} | {m['full']:.2f} | {m['full'] / original['full']:.2f} | {resumed} | "
              f"{m['rate']:,.0f} | {m['rate'] / original['rate']:.2f} | {keep} |")
    print(f"\nThe handshake's share of a full request through the shipped front: the floor's {floor['full']:.2f} ms of "
          f"{ours['full']:.2f} ms ({floor['full'] / ours['full']:.0%}).\n")
    budgets = [
        ("full handshake ≤ 0.8× the original's median", ours["full"] / original["full"], 0.8, False),
        ("resumed ≤ 1.5× our plain HTTP", ours["resumed"] / plain["full"], 1.5, False),
        ("8 clients, new connections ≥ 1.5× the original's requests/s", ours["rate"] / original["rate"], 1.5, True),
        ("keep-alive, 8 clients ≥ 5× the original's", ours["kept"] / original["kept"], 5.0, True),
    ]
    print("| budget (issue 23) | measured | met |")
    print("|---|---:|---|")
    for what, ratio, bound, at_least in budgets:
        met = ratio >= bound if at_least else ratio <= bound
        print(f"| {what} | {ratio:.3f}× | {'yes' if met else 'NO'} |")


PLAIN = "our plain HTTP (no TLS)"
SHIPPED = "shipped: haproxy, then atm-handler per connection"
FLOOR = "TLS floor: haproxy answers itself"
ORIGINAL = "the original: uvicorn, TLS"

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
