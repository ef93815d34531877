#!/usr/bin/env python3
"""The cost of TLS and of the access policy per request (issue 15), through scripts/serve on 127.0.0.1.

Each request is a new connection, as an ATM terminal makes: plain HTTP; HTTPS with a client certificate
(a full TLS 1.3 handshake, ECDSA P-256, through haproxy); HTTPS with a policy file and the rate limit on.
One client at a time, so each figure is the latency of one request, median and p90, in milliseconds.
Writes a Markdown section to stdout.   python3 bench/security.py [REQUESTS]   (default 300)
"""
import os, socket, ssl, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bin_dir = os.environ.get("ATM_BIN_DIR", os.path.join(root, ".build/release"))
count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
work = tempfile.mkdtemp(prefix="atm-bench-security.")
pki = os.path.join(work, "pki")
subprocess.run([os.path.join(root, "scripts/make-test-pki"), pki], check=True, stdout=subprocess.DEVNULL)
policy = os.path.join(work, "policy")
with open(policy, "w") as f:
    f.write("allow balance,deposit,withdraw * O=ATM network, CN=terminal-0042\n")
request = b"GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env):
    port = free_port()
    full = {k: v for k, v in os.environ.items() if not k.startswith("ATM_TLS")}
    full.update({"ATM_BIN_DIR": bin_dir, "PORT": str(port), "HOST": "127.0.0.1"}, **env)
    log = open(os.path.join(work, f"serve-{port}.log"), "wb")
    process = subprocess.Popen([os.path.join(root, "scripts/serve")], env=full, stdout=log, stderr=log,
                               start_new_session=True)
    time.sleep(1.5)
    return port, process


def measure(port, context):
    times = []
    for _ in range(count):
        start = time.perf_counter()
        with socket.create_connection(("127.0.0.1", port)) as raw:
            conn = context.wrap_socket(raw, server_hostname="localhost") if context else raw
            conn.sendall(request)
            data = b""
            while chunk := conn.recv(4096):
                data += chunk
        assert data.startswith(b"HTTP/1.1 200"), data[:40]
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)]


context = ssl.create_default_context(cafile=f"{pki}/ca.pem")
context.load_cert_chain(f"{pki}/terminal-0042.pem", f"{pki}/terminal-0042.key")
tls = {"ATM_TLS_CERT": f"{pki}/server.pem", "ATM_TLS_KEY": f"{pki}/server.key", "ATM_TLS_CLIENT_CA": f"{pki}/ca.pem"}
rows = []
for label, env, ctx in [
    ("plain HTTP (loopback)", {"ATM_STATED_RATE_PER_MINUTE": "0"}, None),
    ("HTTPS, client certificate", dict(tls, ATM_STATED_RATE_PER_MINUTE="0"), context),
    ("HTTPS + policy + rate limit", dict(tls, ATM_STATED_POLICY=policy, ATM_STATED_RATE_PER_MINUTE="6000000",
                                         ATM_STATED_RATE_BURST="1000000"), context),
]:
    port, process = serve(env)
    try:
        rows.append((label, *measure(port, ctx)))
    finally:
        os.killpg(process.pid, 15)
        process.wait()
print("## The cost of TLS and of the access policy\n")
print(f"`python3 bench/security.py {count}`: one GET balance per new connection, one client at a time, through")
print("scripts/serve (plain: xinetd; with TLS: haproxy, then atm-handler per connection). Milliseconds per request.\n")
print("| front | median ms | p90 ms | median over plain |")
print("|---|---:|---:|---:|")
for label, median, p90 in rows:
    print(f"| {label} | {median:.2f} | {p90:.2f} | {median - rows[0][1]:+.2f} |")
