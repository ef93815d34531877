#!/usr/bin/env python3
"""Measures atm-handler and atm-stated against floors measured in the same run; see bench/README.md.

Run through bench/run, which installs the tools and builds the binaries this script expects in OUT.
Every comparison interleaves its two sides and reports medians; ratios, not absolute figures, are
the results (the machine is shared and noisy)."""

import json
import os
import resource
import shutil
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
RELEASE = os.path.join(ROOT, ".build", "release")
# The shipped handler is the Embedded build (scripts/build-embedded-handler); the standard build is measured beside it.
HANDLER = os.path.join(OUT, "embedded", "atm-handler")
STANDARD_HANDLER = os.path.join(RELEASE, "atm-handler")
# Valgrind cannot read the standard static build's debug information; bench/run strips a copy for callgrind.
STANDARD_HANDLER_STRIPPED = os.path.join(OUT, "atm-handler-standard-stripped")
STATED = os.path.join(RELEASE, "atm-stated")
FLOOR_C = os.path.join(OUT, "floor-handler")
FLOOR_C_MUSL = os.path.join(OUT, "floor-handler-musl")
FLOOR_SWIFT = os.path.join(OUT, "floor-swift")
LOAD = os.path.join(OUT, "stated-load")
FSYNC_RATE = os.path.join(OUT, "fsync-rate")
# atm-stated as of the commit before issue 11 part 3 (bench/run builds it), measured beside ours.
BASELINE_STATED = os.environ.get("BENCH_BASELINE_STATED", "")
BASELINE_COMMIT = os.environ.get("BENCH_BASELINE_COMMIT", "")
PROCESS_TIME = os.path.join(OUT, "process-time")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
FASTAPI = os.path.join(os.path.dirname(ROOT), "shared", "peers", "fastapi_atm", "run.sh")
FASTAPI_VENV = os.path.join(OUT, "fastapi-venv")
IDLE_CONNECTIONS = int(os.environ.get("BENCH_IDLE_CONNECTIONS", "1000"))
BALANCE_REQUEST = b"GET /accounts/1001/balance HTTP/1.1\r\nHost: bench\r\n\r\n"
# The same request in a W3C trace: the handler keeps the trace id, makes a span, and says both back.
TRACED_BALANCE_REQUEST = (b"GET /accounts/1001/balance HTTP/1.1\r\nHost: bench\r\n"
                          b"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n\r\n")

children = []


def log(message):
    print(message, file=sys.stderr, flush=True)


def start(arguments, **options):
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options)
    children.append(process)
    return process


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.005)
    raise SystemExit(f"bench: {what} did not come up")


def start_daemon(directory, name, preload_file=None, binary=STATED, arguments=(), wrapper=()):
    path = os.path.join(directory, name + ".sock")
    env = dict(os.environ)
    env.pop("PRELOAD_ACCOUNTS", None)
    if preload_file:
        env["PRELOAD_ACCOUNTS_FILE"] = preload_file
    began = time.monotonic()
    process = start([*wrapper, binary, "--socket", path, *arguments], env=env)

    def serving():
        try:
            with socket.socket(socket.AF_UNIX) as client:
                client.connect(path)
                client.sendall(b"PING\n")
                return client.recv(16).startswith(b"OK PONG")
        except OSError:
            return False

    wait_for(serving, f"atm-stated ({name})", timeout=60)
    return process, path, time.monotonic() - began


def start_front(program, state_socket, extra_environment=()):
    port = free_port()
    settings = [argument for name in extra_environment for argument in ("-E", name)]
    process = start(["systemd-socket-activate", "-a", "--inetd", "-l", f"127.0.0.1:{port}",
                     "-E", f"ATM_STATED_SOCKET={state_socket}", *settings, program])

    def listening():
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            return False

    wait_for(listening, f"socket activation of {program}")
    return process, port


def start_fastapi():
    """The original FastAPI service (uvicorn, httptools, uvloop, one worker); makes its venv on first use."""
    port = free_port()
    env = dict(os.environ, VENV=FASTAPI_VENV, PRELOAD_ACCOUNTS='{"1001":"1000.00","1002":"0.00"}')
    process = start([FASTAPI, str(port)], env=env)

    def answering():
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5) as client:
                client.sendall(b"GET /health HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
                return client.recv(16).startswith(b"HTTP/1.1 200")
        except OSError:
            return False

    wait_for(answering, "the FastAPI original", timeout=600)
    return process, port


def children_of(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as listing:
        return [int(child) for child in listing.read().split()]


def memory_kib(pid):
    """(RSS, PSS) of one process, from /proc/PID/smaps_rollup."""
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) >= 2 and parts[0] in ("Rss:", "Pss:"):
                fields[parts[0]] = int(parts[1])
    return fields["Rss:"], fields["Pss:"]


def idle_cost(front, port, count):
    """Opens `count` connections that send nothing; returns (processes, total RSS KiB, total PSS KiB) of
    the per-connection processes the front started for them, measured while all are held."""
    clients = []
    try:
        for _ in range(count):
            clients.append(socket.create_connection(("127.0.0.1", port), 5))
        deadline = time.monotonic() + 60
        while len(children_of(front.pid)) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        rss = pss = processes = 0
        for child in children_of(front.pid):
            try:
                child_rss, child_pss = memory_kib(child)
            except (FileNotFoundError, ProcessLookupError, KeyError):
                continue
            rss, pss, processes = rss + child_rss, pss + child_pss, processes + 1
        return processes, rss, pss
    finally:
        for client in clients:
            client.close()
        deadline = time.monotonic() + 30
        while children_of(front.pid) and time.monotonic() < deadline:
            time.sleep(0.05)


def wrk(port, path, connections, lua=None, keep_alive=False):
    close = [] if keep_alive else ["-H", "Connection: close"]
    arguments = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{SECONDS}s", "--latency",
                 *close, f"http://127.0.0.1:{port}{path}"]
    if lua:
        arguments[1:1] = ["-s", lua]
    output = subprocess.run(arguments, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)

    def percentile(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {"rps": rate, "p50": percentile("50"), "p99": percentile("99"),
            "non2xx": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


def median_of(samples, key):
    return statistics.median(sample[key] for sample in samples)


def paired_ratio(ours, theirs, key=None):
    """The median of the ratios of samples taken side by side (run i of ours against run i of theirs).

    The machine's speed drifts by more than 10 % over a minute; a ratio of two samples taken seconds
    apart cancels the drift that a ratio of two medians keeps."""
    value = (lambda sample: sample[key]) if key else (lambda sample: sample)
    return statistics.median(value(a) / value(b) for a, b in zip(ours, theirs))


def callgrind(program, stdin_bytes, env):
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "callgrind.out")
        result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", program],
                                input=stdin_bytes, capture_output=True, env=env)
        match = re.search(r"Collected : (\d+)", result.stderr.decode())
        if not match:
            raise SystemExit(f"bench: callgrind failed for {program}: {result.stderr.decode()[-400:]}")
        return int(match.group(1)), result.stdout


def peak_rss_kib(program, stdin_bytes, env):
    result = subprocess.run(["/usr/bin/time", "-f", "%M", program], input=stdin_bytes, capture_output=True, env=env)
    return int(result.stderr.decode().strip().splitlines()[-1])


def process_rss(pid):
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def write_accounts(path, count):
    with open(path, "w") as file:
        file.write("{")
        file.write(",".join(f'"{1000 + i}":"{(i * 37) % 100000}.{i % 100:02d}"' for i in range(count)))
        file.write("}")


def stated_load(sock, clients, seconds, mode, command, accounts=None):
    env = dict(os.environ)
    if accounts:
        env["STATED_LOAD_ACCOUNTS"] = str(accounts)
    output = subprocess.run([LOAD, sock, str(clients), str(seconds), mode, command],
                            capture_output=True, text=True, check=True, env=env).stdout
    return {key: int(value) for key, value in re.findall(r"(\w+)=(-?\d+)(?:\s|$)", output)}


def journal_benchmarks(directory, rows, budgets, lua):
    """Issue 9: deposits with the journal on and off, on a real disk (bench/out, not /tmp, which may be tmpfs)."""
    accounts = os.path.join(directory, "journal-accounts.json")
    write_accounts(accounts, 1000)
    disk = tempfile.mkdtemp(prefix="journal-", dir=OUT)
    output = subprocess.run([FSYNC_RATE, disk, "2"], capture_output=True, text=True, check=True).stdout
    disk_rate = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", output)}
    rows.append(("This disk: 64-byte appends, each with fdatasync (fsync-rate)", f"{disk_rate['per_second']:,}/s",
                 f"p50 {disk_rate['p50_us']} us, p99 {disk_rate['p99_us']} us", "", "", ""))
    off, off_socket, _ = start_daemon(directory, "journal-off", preload_file=accounts)
    on, on_socket, _ = start_daemon(directory, "journal-on", preload_file=accounts,
                                    arguments=("--journal", os.path.join(disk, "journal")))
    log("bench: journal on against off, daemon protocol deposits")
    for clients in (1, 8, 64):
        sides = {"on": [], "off": []}
        for _ in range(RUNS):
            for name, sock in (("on", on_socket), ("off", off_socket)):
                sides[name].append(stated_load(sock, clients, 2, "reuse", "DEPOSIT %d 1", accounts=1000))
        result = {name: {key: statistics.median(sample[key] for sample in samples)
                         for key in ("per_second", "p50_us", "p99_us", "errors")}
                  for name, samples in sides.items()}
        j, m = result["on"], result["off"]
        budgeted = clients == 64
        ok = j["per_second"] >= 30_000 and j["p99_us"] < 10_000 and j["errors"] == 0
        rows.append((f"atm-stated deposits, {clients} clients, reused connections, journal on: commands/s",
                     f"{j['per_second']:,.0f} (p50 {j['p50_us'] / 1000:.2f} ms, p99 {j['p99_us'] / 1000:.2f} ms)",
                     f"{m['per_second']:,.0f} journal off (p50 {m['p50_us'] / 1000:.2f} ms, "
                     f"p99 {m['p99_us'] / 1000:.2f} ms)",
                     f"{j['per_second'] / max(m['per_second'], 1):.2f}x",
                     ">= 30,000/s, p99 < 10 ms" if budgeted else "", verdict(ok) if budgeted else ""))
        if budgeted:
            budgets.append(ok)
    # Records per fsync: the daemon does not publish the journal's statistics, so count its fdatasync
    # calls with strace (seccomp-filtered: only fdatasync stops the daemon) in separate runs.
    if shutil.which("strace"):
        for clients in (1, 8, 64):
            trace = os.path.join(directory, f"strace-{clients}.txt")
            journal = os.path.join(tempfile.mkdtemp(prefix="journal-", dir=OUT), "journal")
            traced, traced_socket, _ = start_daemon(
                directory, f"journal-traced-{clients}", preload_file=accounts, arguments=("--journal", journal),
                wrapper=("strace", "-f", "--seccomp-bpf", "-e", "trace=fdatasync", "-c", "-o", trace))
            load = stated_load(traced_socket, clients, 2, "reuse", "DEPOSIT %d 1", accounts=1000)
            # Stop the daemon, not strace: strace writes its summary when its tracee exits.
            for child in children_of(traced.pid):
                os.kill(child, signal.SIGTERM)
            traced.wait(15)
            shutil.rmtree(os.path.dirname(journal), ignore_errors=True)
            syncs = 0
            with open(trace) as summary:
                for line in summary:
                    fields = line.split()
                    if fields and fields[-1] == "fdatasync":
                        syncs = int(fields[3])
            rows.append((f"  records per fdatasync, {clients} clients (journal on, under strace)",
                         f"{load['commands'] / syncs:.1f}" if syncs else "not measured (no strace summary)",
                         f"{load['commands']:,} deposits, {syncs:,} fdatasync calls", "", "", ""))
    # HTTP deposits through the super-server, journal on against off, interleaved.
    log("bench: HTTP deposits, journal on against off")
    on_front, on_port = start_front(HANDLER, on_socket)
    off_front, off_port = start_front(HANDLER, off_socket)
    # Budgeted: deposits spread over the 1,000 accounts, as many terminals make them. Reported beside
    # it: every deposit to one account, where the account's lock, held across the sync, allows one
    # deposit per fdatasync.
    spread = os.path.join(ROOT, "bench", "deposit-spread.lua")
    samples = {(workload, side): [] for workload in ("spread", "hot") for side in ("on", "off")}
    for _ in range(RUNS):
        for workload, path, script in (("spread", "/", spread), ("hot", "/accounts/1002/deposit", lua)):
            samples[(workload, "on")].append(wrk(on_port, path, 8, script))
            samples[(workload, "off")].append(wrk(off_port, path, 8, script))
    for process in (on_front, off_front, on, off):
        stop(process)
    shutil.rmtree(disk, ignore_errors=True)
    for workload, label in (("spread", "over 1,000 accounts"), ("hot", "all to one account")):
        with_journal, without = samples[(workload, "on")], samples[(workload, "off")]
        rps, off_rps = median_of(with_journal, "rps"), median_of(without, "rps")
        ratio = paired_ratio(with_journal, without, "rps")
        bad = sum(sample["non2xx"] for sample in with_journal + without)
        budgeted = workload == "spread"
        ok = ratio >= 0.9 and bad == 0
        rows.append((f"HTTP deposit {label}, 8 connections, Connection: close, journal on: requests/s",
                     f"{rps:,.0f} (p50 {median_of(with_journal, 'p50'):.2f} ms)",
                     f"{off_rps:,.0f} journal off (p50 {median_of(without, 'p50'):.2f} ms)",
                     f"{ratio:.2f}x (median of {len(without)} paired runs)", ">= 0.9x journal off" if budgeted else "",
                     verdict(ok) if budgeted else ("" if bad == 0 else f"{bad} non-2xx")))
        if budgeted:
            budgets.append(ok)


def verdict(ok):
    return "meets" if ok else "MISSES"


def main():
    os.makedirs(OUT, exist_ok=True)
    # Room for the idle connections, in this process and the fronts it starts.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4 * IDLE_CONNECTIONS + 1024)), hard))
    directory = tempfile.mkdtemp(prefix="atm-bench-", dir="/tmp")
    rows = []
    budgets = []

    # 1. Instructions and memory of one atm-handler process, against the C floor.
    daemon, state_socket, _ = start_daemon(directory, "demo")
    env = {"ATM_STATED_SOCKET": state_socket, "PATH": "/usr/bin:/bin"}
    log("bench: callgrind")
    handler_ir, handler_out = callgrind(HANDLER, BALANCE_REQUEST, env)
    assert handler_out.startswith(b"HTTP/1.1 200 OK"), handler_out[:80]
    floor_ir, _ = callgrind(FLOOR_C, BALANCE_REQUEST, env)
    swift_floor_ir, _ = callgrind(FLOOR_SWIFT, BALANCE_REQUEST, env)
    musl_floor_ir, _ = callgrind(FLOOR_C_MUSL, BALANCE_REQUEST, env)
    standard_ir, _ = callgrind(STANDARD_HANDLER_STRIPPED, BALANCE_REQUEST, env)
    deposit = (b"POST /accounts/1002/deposit HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
               b"Content-Length: 17\r\n\r\n{\"amount\":\"0.01\"}")
    deposit_ir, deposit_out = callgrind(HANDLER, deposit, env)
    assert deposit_out.startswith(b"HTTP/1.1 200 OK"), deposit_out[:80]
    traced_ir, traced_out = callgrind(HANDLER, TRACED_BALANCE_REQUEST, env)
    assert b"\r\ntraceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-" in traced_out, traced_out[:400]
    ratio = handler_ir / floor_ir
    rows.append(("Instructions, one balance request (callgrind)", f"{handler_ir:,}", f"{floor_ir:,} (C floor)",
                 f"{ratio:.2f}x", "<= 1.5x", verdict(ratio <= 1.5)))
    budgets.append(ratio <= 1.5)
    rows.append(("Instructions, one deposit request", f"{deposit_ir:,}", f"{floor_ir:,} (C floor)",
                 f"{deposit_ir / floor_ir:.2f}x", "", ""))
    rows.append(("Instructions, one balance request with traceparent", f"{traced_ir:,}",
                 f"{handler_ir:,} (without)", f"{traced_ir / handler_ir:.2f}x", "", ""))
    rows.append(("Instructions, one balance request, against the C floor linked with musl (the handler's C library)",
                 f"{handler_ir:,}", f"{musl_floor_ir:,} (C floor on musl)", f"{handler_ir / musl_floor_ir:.2f}x", "", ""))
    rows.append(("Instructions, one balance request: standard build, Swift floor (for comparison)",
                 f"{standard_ir:,} (standard static atm-handler)", f"{swift_floor_ir:,} (Swift floor)",
                 f"{standard_ir / floor_ir:.2f}x, {swift_floor_ir / floor_ir:.2f}x of the C floor", "", ""))

    with tempfile.NamedTemporaryFile(suffix=".request") as request_file:
        request_file.write(BALANCE_REQUEST)
        request_file.flush()
        output = subprocess.run([PROCESS_TIME, "1000", request_file.name, HANDLER, FLOOR_C, FLOOR_SWIFT, FLOOR_C_MUSL],
                                capture_output=True, text=True, check=True, env=env).stdout
    medians = {line.split()[0]: float(re.search(r"median_us=([\d.]+)", line).group(1)) for line in output.splitlines()}
    rows.append(("Whole-process time, one balance request (median of 1000, interleaved)",
                 f"{medians[HANDLER]:.0f} us", f"{medians[FLOOR_C]:.0f} us (C floor), {medians[FLOOR_C_MUSL]:.0f} us "
                 f"(C floor on musl), {medians[FLOOR_SWIFT]:.0f} us (Swift floor)",
                 f"{medians[HANDLER] / medians[FLOOR_C]:.2f}x", "", ""))

    handler_rss = statistics.median(peak_rss_kib(HANDLER, BALANCE_REQUEST, env) for _ in range(5))
    standard_rss = statistics.median(peak_rss_kib(STANDARD_HANDLER, BALANCE_REQUEST, env) for _ in range(5))
    c_rss = statistics.median(peak_rss_kib(FLOOR_C, BALANCE_REQUEST, env) for _ in range(5))
    rows.append(("Peak RSS, one atm-handler process", f"{handler_rss / 1024:.2f} MiB",
                 f"{c_rss / 1024:.2f} MiB (C floor), {standard_rss / 1024:.2f} MiB (standard build)",
                 f"{handler_rss / c_rss:.2f}x", "<= 1.5 MiB", verdict(handler_rss <= 1536)))
    budgets.append(handler_rss <= 1536)

    # 2. HTTP with Connection: close: the handler behind systemd-socket-activate against the C floor
    # behind the same front and against the FastAPI original, interleaved.
    log("bench: starting the FastAPI original (its venv is made on first use)")
    fastapi, fastapi_port = start_fastapi()
    handler_front, handler_port = start_front(HANDLER, state_socket)
    floor_front, floor_port = start_front(FLOOR_C, state_socket)
    swift_front, swift_port = start_front(FLOOR_SWIFT, state_socket)
    musl_front, musl_port = start_front(FLOOR_C_MUSL, state_socket)
    log("bench: wrk balance at 8 connections, C floor against Swift floor and C floor on musl")
    c_side, swift_side, musl_side = [], [], []
    for _ in range(RUNS):
        c_side.append(wrk(floor_port, "/accounts/1001/balance", 8))
        swift_side.append(wrk(swift_port, "/accounts/1001/balance", 8))
        musl_side.append(wrk(musl_port, "/accounts/1001/balance", 8))
    swift_rps, c_rps, musl_rps = (median_of(side, "rps") for side in (swift_side, c_side, musl_side))
    rows.append(("HTTP, 8 connections: Swift floor against C floor (the standard runtime's share)",
                 f"{swift_rps:,.0f} (Swift floor)", f"{c_rps:,.0f} (C floor)",
                 f"{paired_ratio(swift_side, c_side, 'rps'):.2f}x", "", ""))
    rows.append(("HTTP, 8 connections: C floor on musl against C floor (glibc's start-up's share)",
                 f"{musl_rps:,.0f} (C floor on musl)", f"{c_rps:,.0f} (C floor)",
                 f"{paired_ratio(musl_side, c_side, 'rps'):.2f}x", "", ""))
    stop(swift_front)
    stop(musl_front)
    lua = os.path.join(ROOT, "bench", "deposit.lua")
    for name, path, script in (("balance", "/accounts/1001/balance", None),
                               ("deposit", "/accounts/1002/deposit", lua)):
        for connections in (8, 64):
            log(f"bench: wrk {name} at {connections} connections")
            ours, floor, original = [], [], []
            for _ in range(RUNS):
                ours.append(wrk(handler_port, path, connections, script))
                floor.append(wrk(floor_port, path, connections, script))
                original.append(wrk(fastapi_port, path, connections, script))
            bad = sum(sample["non2xx"] for sample in ours)
            rps, floor_rps, original_rps = (median_of(side, "rps") for side in (ours, floor, original))
            against_floor, against_original = paired_ratio(ours, floor, "rps"), paired_ratio(ours, original, "rps")
            budgeted = name == "balance" and connections == 8
            ok = against_floor >= 0.95 and against_original >= 0.9
            rows.append((f"HTTP {name}, {connections} connections, Connection: close: requests/s",
                         f"{rps:,.0f} (p50 {median_of(ours, 'p50'):.2f} ms, p99 {median_of(ours, 'p99'):.2f} ms)",
                         f"{floor_rps:,.0f} C floor (p50 {median_of(floor, 'p50'):.2f} ms); "
                         f"{original_rps:,.0f} FastAPI (p50 {median_of(original, 'p50'):.2f} ms)",
                         f"{against_floor:.2f}x C floor, {against_original:.2f}x FastAPI (median of {len(ours)} paired runs)",
                         ">= 0.95x C floor, >= 0.9x FastAPI" if budgeted else "", verdict(ok) if budgeted else ""))
            if budgeted:
                budgets.append(ok)
            if bad:
                rows.append((f"  non-2xx answers in the {name} runs", str(bad), "", "", "", "MISSES"))
                budgets.append(False)
    stop(handler_front)
    stop(floor_front)

    # Persistent connections (issue 11 part 2): wrk keeps its connections open; FastAPI's keep-alive against
    # atm-handler with ATM_KEEP_ALIVE_REQUESTS=1000 (one handler process and one daemon connection per client).
    log("bench: wrk balance at 8 connections with keep-alive")
    kept_front, kept_port = start_front(HANDLER, state_socket, ("ATM_KEEP_ALIVE_REQUESTS=1000",))
    ours, original = [], []
    for _ in range(RUNS):
        ours.append(wrk(kept_port, "/accounts/1001/balance", 8, keep_alive=True))
        original.append(wrk(fastapi_port, "/accounts/1001/balance", 8, keep_alive=True))
    stop(kept_front)
    rps, original_rps = median_of(ours, "rps"), median_of(original, "rps")
    ratio = paired_ratio(ours, original, "rps")
    bad = sum(sample["non2xx"] for sample in ours)
    ok = ratio >= 3 and bad == 0
    rows.append(("HTTP balance, 8 connections, keep-alive (ATM_KEEP_ALIVE_REQUESTS=1000): requests/s",
                 f"{rps:,.0f} (p50 {median_of(ours, 'p50'):.2f} ms, p99 {median_of(ours, 'p99'):.2f} ms)",
                 f"{original_rps:,.0f} FastAPI with keep-alive (p50 {median_of(original, 'p50'):.2f} ms)",
                 f"{ratio:.2f}x FastAPI (median of {len(ours)} paired runs)", ">= 3x FastAPI", verdict(ok)))
    budgets.append(ok)

    # Idle connections: each holds one process behind the front until its request deadline.
    log(f"bench: {IDLE_CONNECTIONS} idle connections")
    waiting = ("ATM_REQUEST_TIMEOUT_MS=120000",)
    idle_front, idle_port = start_front(HANDLER, state_socket, waiting)
    held, idle_rss, idle_pss = idle_cost(idle_front, idle_port, IDLE_CONNECTIONS)
    stop(idle_front)
    floor_idle_front, floor_idle_port = start_front(FLOOR_C, state_socket)
    floor_held, floor_idle_rss, floor_idle_pss = idle_cost(floor_idle_front, floor_idle_port, IDLE_CONNECTIONS)
    stop(floor_idle_front)
    clients = [socket.create_connection(("127.0.0.1", fastapi_port), 5) for _ in range(IDLE_CONNECTIONS)]
    time.sleep(1)
    fastapi_rss, _ = memory_kib(fastapi.pid)
    for client in clients:
        client.close()
    stop(fastapi)
    ok = held == IDLE_CONNECTIONS and idle_pss <= 200 * 1024
    rows.append((f"{IDLE_CONNECTIONS:,} idle connections: total PSS (RSS) of the handler processes",
                 f"{idle_pss / 1024:.1f} MiB ({idle_rss / 1024:.1f} MiB) in {held} processes",
                 f"{floor_idle_pss / 1024:.1f} MiB ({floor_idle_rss / 1024:.1f} MiB) C floor in {floor_held}; "
                 f"FastAPI holding them: {fastapi_rss / 1024:.1f} MiB RSS",
                 f"{idle_pss / max(floor_idle_pss, 1):.2f}x", "<= 200 MiB", verdict(ok)))
    budgets.append(ok)

    # 3. The daemon alone: commands per second, one connection per command and reused connections.
    for mode in ("connect", "reuse"):
        for clients in (1, 8, 64):
            samples = []
            for _ in range(RUNS):
                output = subprocess.run([LOAD, state_socket, str(clients), "2", mode, "BALANCE 1001"],
                                        capture_output=True, text=True, check=True).stdout
                samples.append(int(re.search(r"per_second=(\d+)", output).group(1)))
            rate = statistics.median(samples)
            label = "one connection per command" if mode == "connect" else "reused connections"
            budget = ">= 50,000/s" if (mode, clients) == ("reuse", 8) else ""
            ok = rate >= 50_000
            rows.append((f"atm-stated, {clients} clients, {label}: commands/s", f"{rate:,.0f}", "", "",
                         budget, verdict(ok) if budget else ""))
            if budget:
                budgets.append(ok)
    if BASELINE_STATED:
        # Issue 11 part 3: the same load against atm-stated as it was before, interleaved.
        log("bench: atm-stated against its baseline, 64 clients, a connection per command")
        baseline, baseline_socket, _ = start_daemon(directory, "baseline", binary=BASELINE_STATED)
        ours, theirs = [], []
        for _ in range(2 * RUNS + 1):
            for side, sock in ((ours, state_socket), (theirs, baseline_socket)):
                output = subprocess.run([LOAD, sock, "64", "2", "connect", "BALANCE 1001"],
                                        capture_output=True, text=True, check=True).stdout
                side.append(int(re.search(r"per_second=(\d+)", output).group(1)))
        stop(baseline)
        rate, before = statistics.median(ours), statistics.median(theirs)
        ratio = paired_ratio(ours, theirs)
        ok = ratio >= 1.5
        rows.append(("atm-stated, 64 clients, one connection per command, against the baseline: commands/s",
                     f"{rate:,.0f}", f"{before:,.0f} (atm-stated at {BASELINE_COMMIT or 'the baseline'})",
                     f"{ratio:.2f}x (median of {len(ours)} paired runs)", ">= 1.5x", verdict(ok)))
        budgets.append(ok)
    stop(daemon)

    journal_benchmarks(directory, rows, budgets, lua)

    # 4. Scale: RSS and start-up with many accounts, and latency flat from 1 thousand to 1 million.
    sizes = {}
    for count in (1_000, 100_000, 1_000_000):
        path = os.path.join(directory, f"accounts-{count}.json")
        write_accounts(path, count)
        process, sock, startup = start_daemon(directory, f"n{count}", preload_file=path)
        rss, peak = process_rss(process.pid)
        sizes[count] = (process, sock)
        rows.append((f"atm-stated with {count:,} accounts: RSS (peak) / start-up",
                     f"{rss / 1024:.1f} MiB ({peak / 1024:.1f} MiB) / {startup:.2f} s", "", "",
                     "<= 200 MiB, <= 5 s" if count == 1_000_000 else "",
                     verdict(rss <= 200 * 1024 and startup <= 5) if count == 1_000_000 else ""))
        if count == 1_000_000:
            budgets.append(rss <= 200 * 1024 and startup <= 5)
        if count == 100_000:
            stop(process)
    small_front, small_port = start_front(HANDLER, sizes[1_000][1])
    large_front, large_port = start_front(HANDLER, sizes[1_000_000][1])
    for name, path, script in (("balance", "/accounts/1001/balance", None),
                               ("deposit", "/accounts/1002/deposit", lua)):
        log(f"bench: scale {name}")
        small, large = [], []
        for _ in range(RUNS):
            small.append(wrk(small_port, path, 8, script))
            large.append(wrk(large_port, path, 8, script))
        relative = paired_ratio(large, small, "p50")
        budget = "<= 1.2x" if name == "balance" else ""
        rows.append((f"HTTP {name} p50 latency, 1 million vs 1 thousand accounts",
                     f"{median_of(large, 'p50'):.2f} ms", f"{median_of(small, 'p50'):.2f} ms",
                     f"{relative:.2f}x (median of {len(small)} paired runs)",
                     budget, verdict(relative <= 1.2) if budget else ""))
        if budget:
            budgets.append(relative <= 1.2)
    for process in (small_front, large_front, sizes[1_000][0], sizes[1_000_000][0]):
        stop(process)

    cpu = "unknown"
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    header = ["Measure", "atm", "Floor / baseline", "Ratio", "Budget", "Verdict"]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    summary = "every budget met" if all(budgets) else "SOME BUDGETS MISSED"
    text = "\n".join([
        f"Run {stamp} on {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()};",
        f"{RUNS} interleaved runs of {SECONDS} s per HTTP figure, medians; {summary}.", "", *table, ""])
    print(text)
    return text, all(budgets)


if __name__ == "__main__":
    try:
        text, ok = main()
    finally:
        for child in children:
            stop(child)
    with open(os.path.join(OUT, "table.md"), "w") as table_file:
        table_file.write(text)
    sys.exit(0 if ok else 1)
