#!/usr/bin/env python3
"""The failover's gap: two atm-stated on a primary with a synchronous standby (scripts/pg-replica), keyed
deposits from 16 protocol clients (8 per daemon, one connection each, deadline 1 s like atm-handler's budget);
the primary is killed (pg_ctl stop -m immediate) and the standby promoted at once or after 1 s. The gap is the
seconds from the primary's death (when pg_ctl returned: the server is gone) to the first OK for a deposit sent
after it. Writes bench/out/postgres-failover.md.
    bench/postgres-failover.py STATED [RUNS]"""
import os, socket, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
replica = os.path.join(root, "scripts", "pg-replica")
pgbin = os.environ.get("ATM_PG_BIN", "/usr/lib/postgresql/15/bin")
stated = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
clients_per_daemon = 8
accounts = 16


def now():
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def client(index, path, stop, results):
    account = index % accounts + 1
    step = 0
    conn = None
    while not stop.is_set():
        if conn is None:
            try:
                conn = socket.socket(socket.AF_UNIX)
                conn.settimeout(3)
                conn.connect(path)
                reader = conn.makefile("rb")
            except OSError:
                conn = None
                time.sleep(0.01)
                continue
        step += 1
        sent = now()
        deadline = int((sent + 1.0) * 1000)
        line = f"DEPOSIT {account} 1 key=f{index}-{step} deadline={deadline}\n".encode()
        try:
            conn.sendall(line)
            reply = reader.readline().decode().strip()
        except OSError:
            reply = ""
        answered = now()
        if not reply:
            conn.close()
            conn = None
            kind = "none"
        elif reply.startswith("OK "):
            kind = "ok"
        elif reply.startswith("ERR unknown"):
            kind = "unknown"
        elif reply.startswith("ERR unavailable") or reply.startswith("ERR expired"):
            kind = "unavailable"
        else:
            kind = reply
        results.append((sent, answered, kind))


def one_run(delay):
    base = tempfile.mkdtemp(prefix="atm-failover-")
    os.chmod(base, 0o755)
    primary, standby = os.path.join(base, "primary"), os.path.join(base, "standby")
    daemons = []
    try:
        subprocess.run([replica, "init", primary, standby], check=True, stdout=subprocess.DEVNULL)
        pair = subprocess.run([replica, "uri", primary, standby], check=True, capture_output=True, text=True)
        pair = pair.stdout.strip()
        subprocess.run([pgbin + "/createdb", "--maintenance-db=" + pair, "atm"], check=True)
        uri = pair.replace("postgresql:///postgres?", "postgresql:///atm?")
        preload = "{" + ",".join(f'"{i}":"0.00"' for i in range(1, accounts + 1)) + "}"
        sockets = []
        for n in range(2):
            path = os.path.join(base, f"stated{n}.sock")
            env = dict(os.environ, ATM_STATED_STORE=uri, PRELOAD_ACCOUNTS=preload, ATM_STATED_PG_POOL="8")
            log = open(os.path.join(base, f"stated{n}.log"), "w")
            daemons.append(subprocess.Popen([stated, "--socket", path], env=env, stderr=log))
            for _ in range(200):
                if os.path.exists(path):
                    break
                time.sleep(0.05)
            sockets.append(path)
        stop = threading.Event()
        results = []
        threads = [
            threading.Thread(target=client, args=(i, sockets[i % 2], stop, results))
            for i in range(2 * clients_per_daemon)
        ]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        subprocess.run([replica, "kill", primary], check=True)
        died = now()
        time.sleep(delay)
        subprocess.run([replica, "promote", standby], check=True)
        promoted = now()
        time.sleep(3)
        stop.set()
        for thread in threads:
            thread.join()
        oks = [answered for sent, answered, kind in results if kind == "ok" and sent > died]
        gap = min(oks) - died if oks else float("nan")
        counts = {}
        for _, _, kind in results:
            counts[kind] = counts.get(kind, 0) + 1
        total = subprocess.run(
            [pgbin + "/psql", uri, "-X", "-q", "-tA", "-c", "SELECT sum(balance_cents) FROM accounts"],
            check=True, capture_output=True, text=True).stdout.strip()
        acknowledged, unknown = counts.get("ok", 0), counts.get("unknown", 0) + counts.get("none", 0)
        # Every OK is one cent in the balances; each unknown may or may not be.
        exact = acknowledged <= int(total) <= acknowledged + unknown
        return gap, promoted - died, counts, exact
    finally:
        for daemon in daemons:
            daemon.terminate()
            daemon.wait()
        subprocess.run([replica, "remove", primary, standby])
        subprocess.run(["rm", "-rf", base])


lines = [
    "## PostgreSQL failover: the gap",
    "",
    "Two atm-stated on a primary with a synchronous streaming standby (`scripts/pg-replica`, fsync on, same",
    f"host), {2 * clients_per_daemon} protocol clients sending keyed one-cent deposits (deadline 1 s); the primary",
    "killed with `pg_ctl stop -m immediate`, the standby promoted with `pg_ctl promote` (`bench/postgres-failover`).",
    "Gap: from the primary's death to the first `OK` for a deposit sent after it.",
    "",
    "| promote after | run | gap | pg_ctl promote returned | OK | 503 | 504 / no answer | every OK in the balances |",
    "|---|---|---|---|---|---|---|---|",
]
for delay in (0, 1):
    for run in range(1, runs + 1):
        gap, promote, counts, exact = one_run(delay)
        lines.append(
            f"| {delay} s | {run} | {gap:.3f} s | {promote:.3f} s | {counts.get('ok', 0)} | "
            f"{counts.get('unavailable', 0)} | {counts.get('unknown', 0) + counts.get('none', 0)} | "
            f"{'yes' if exact else 'NO'} |")
        print(lines[-1], flush=True)
os.makedirs(os.path.join(root, "bench", "out"), exist_ok=True)
with open(os.path.join(root, "bench", "out", "postgres-failover.md"), "w") as out:
    out.write("\n".join(lines) + "\n")
print("\n".join(lines))
