#!/usr/bin/env python3
"""/health in a large bank (issue 25): bytes and time of /health (its first page), /health/ready and the bare
LIST that /health was before pages, at 1,000,000 accounts (PRELOAD_ACCOUNTS_FILE), and the handler's
instructions for one balance request (callgrind), the figure its start-up cost is watched by.

Each HTTP request is one atm-handler process on a pipe, as inetd would start it, against one atm-stated;
each figure is the median of REQUESTS runs (LIST and /health as it was: of 5), one at a time.
Writes a Markdown section to stdout.

    python3 bench/health.py [REQUESTS]      (default 50)

ATM_BIN_DIR holds atm-stated and atm-handler (default .build/release, with bench/out/embedded/atm-handler
if built); BENCH_HEALTH_ACCOUNTS sets the bank's size; BENCH_HEALTH_BASELINE_HANDLER names an atm-handler
from before the change, whose /health (every account) and balance instructions are measured beside.
"""
import os, re, socket, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bin_dir = os.environ.get("ATM_BIN_DIR", os.path.join(root, ".build/release"))
stated = os.path.join(bin_dir, "atm-stated")
embedded = os.path.join(root, "bench/out/embedded/atm-handler")
handler = os.environ.get("BENCH_HEALTH_HANDLER") or (embedded if os.path.exists(embedded) else os.path.join(bin_dir, "atm-handler"))
baseline = os.environ.get("BENCH_HEALTH_BASELINE_HANDLER")
count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
accounts = int(os.environ.get("BENCH_HEALTH_ACCOUNTS", "1000000"))
work = tempfile.mkdtemp(prefix="atm-bench-health.")
sock = os.path.join(work, "stated.sock")


def write_accounts(path, total):
    with open(path, "w") as file:
        file.write("{" + ",".join(f'"{1000 + i}":"{(i * 37) % 100000}.{i % 100:02d}"' for i in range(total)) + "}")


def ask_socket(line):
    """One command on a fresh connection: (reply bytes, seconds)."""
    start = time.perf_counter()
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(sock)
        client.sendall(line)
        reply = bytearray()
        while not reply.endswith(b"\n"):
            chunk = client.recv(1 << 20)
            if not chunk:
                break
            reply += chunk
    return bytes(reply), time.perf_counter() - start


def http(program, target, env=()):
    """One request through one handler process: (status, body bytes, seconds)."""
    request = f"GET {target} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()
    environment = {"ATM_STATED_SOCKET": sock, **dict(env)}
    start = time.perf_counter()
    result = subprocess.run([program], input=request, capture_output=True, env=environment)
    seconds = time.perf_counter() - start
    head, _, body = result.stdout.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), len(body), seconds


def median(samples):
    return statistics.median(samples)


def callgrind(program):
    request = b"GET /accounts/1001/balance HTTP/1.1\r\nHost: bench\r\n\r\n"
    out = os.path.join(work, "callgrind.out")
    result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", program],
                            input=request, capture_output=True, env={"ATM_STATED_SOCKET": sock})
    match = re.search(r"Collected : (\d+)", result.stderr.decode())
    if not match or b" 200 OK" not in result.stdout:
        raise SystemExit(f"health bench: callgrind of {program} failed: {result.stderr.decode()[-400:]}")
    return int(match.group(1))


def main():
    accounts_file = os.path.join(work, "accounts.json")
    write_accounts(accounts_file, accounts)
    environment = {"PRELOAD_ACCOUNTS_FILE": accounts_file, "PATH": os.environ.get("PATH", "")}
    daemon = subprocess.Popen([stated, "--socket", sock], env=environment, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                if ask_socket(b"PING\n")[0] == b"OK PONG\n":
                    break
            except OSError:
                time.sleep(0.05)
        else:
            raise SystemExit("health bench: atm-stated did not start")
        rows = []
        lists = [ask_socket(b"LIST\n") for _ in range(5)]
        rows.append(("bare `LIST` on the socket (what `/health` asked before pages)", "—",
                     len(lists[0][0]), median([s for _, s in lists])))
        if baseline:
            runs = [http(baseline, "/health") for _ in range(5)]
            rows.append(("`GET /health`, the handler before the change (every account)", runs[0][0], runs[0][1],
                         median([s for _, _, s in runs])))
        runs = [http(handler, "/health") for _ in range(count)]
        rows.append(("`GET /health`, first page (default limit 10,000)", runs[0][0], runs[0][1],
                     median([s for _, _, s in runs])))
        runs = [http(handler, "/health", {"ATM_HEALTH_ACCOUNTS_LIMIT": "100000"}) for _ in range(max(5, count // 5))]
        rows.append(("`GET /health`, first page at `ATM_HEALTH_ACCOUNTS_LIMIT=100000`", runs[0][0], runs[0][1],
                     median([s for _, _, s in runs])))
        runs = [http(handler, "/health?after=1999000&limit=1000") for _ in range(count)]
        rows.append(("`GET /health?after=1999000&limit=1000` (a page near the end)", runs[0][0], runs[0][1],
                     median([s for _, _, s in runs])))
        runs = [http(handler, "/health/ready") for _ in range(count)]
        rows.append(("`GET /health/ready`", runs[0][0], runs[0][1], median([s for _, _, s in runs])))
        runs = [http(handler, "/health/live") for _ in range(count)]
        rows.append(("`GET /health/live`", runs[0][0], runs[0][1], median([s for _, _, s in runs])))
        instructions = [("this handler", callgrind(handler))]
        if baseline:
            instructions.insert(0, ("before the change", callgrind(baseline)))
    finally:
        daemon.terminate()
        daemon.wait()
    print(f"## /health in a bank of {accounts:,} accounts (issue 25)\n")
    print(f"Produced by `bench/health.py` ({count} requests a row, one atm-handler process each, median; "
          f"handler `{os.path.relpath(handler, root)}`).\n")
    print("| request | status | body bytes | median time |")
    print("|---|---|---|---|")
    for name, status, size, seconds in rows:
        print(f"| {name} | {status} | {size:,} | {seconds * 1000:.2f} ms |")
    print("\nInstructions for one balance request (callgrind, the whole handler process):\n")
    print("| handler | instructions |")
    print("|---|---|")
    for name, total in instructions:
        print(f"| {name} | {total:,} |")


main()
