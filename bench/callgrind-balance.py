#!/usr/bin/env python3
"""Instructions (callgrind) for one balance request, without and with a W3C traceparent, for each
Embedded atm-handler given, against one atm-stated: how a change to the handler path is measured
before and after (bench.py's callgrind() measures the current build the same way).

    bench/callgrind-balance.py ATM_STATED HANDLER [HANDLER...]
"""
import os, re, socket, subprocess, sys, tempfile, time
stated = sys.argv[1]
handlers = sys.argv[2:]
d = tempfile.mkdtemp(prefix="trace-bench-")
sock = os.path.join(d, "s.sock")
env = dict(os.environ); env.pop("PRELOAD_ACCOUNTS", None)
p = subprocess.Popen([stated, "--socket", sock], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
for _ in range(200):
    try:
        c = socket.socket(socket.AF_UNIX); c.connect(sock); c.sendall(b"PING\n")
        if c.recv(16).startswith(b"OK PONG"): break
    except OSError: time.sleep(0.05)
PLAIN = b"GET /accounts/1001/balance HTTP/1.1\r\nHost: bench\r\n\r\n"
TRACED = (b"GET /accounts/1001/balance HTTP/1.1\r\nHost: bench\r\n"
          b"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n\r\n")
henv = {"ATM_STATED_SOCKET": sock, "PATH": "/usr/bin:/bin"}
def cg(prog, data):
    out = os.path.join(d, "cg.out")
    r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", prog], input=data, capture_output=True, env=henv)
    m = re.search(r"Collected : (\d+)", r.stderr.decode())
    assert r.stdout.startswith(b"HTTP/1.1 200 OK"), r.stdout[:100]
    return int(m.group(1))
for h in handlers:
    for name, data in (("plain", PLAIN), ("traceparent", TRACED)):
        runs = sorted(cg(h, data) for _ in range(5))
        print(f"{h} {name}: median {runs[2]:,} (runs {runs})", flush=True)
p.terminate()
