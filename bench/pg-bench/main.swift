// Deposits per second and latency percentiles through PostgresLedger's LedgerStore.perform, from N threads at once:
//   swift build -c release --traits PostgreSQL --product pg-bench
//   scripts/with-postgres .build/release/pg-bench [threads...] (default: 8 64)
// against the database in ATM_TEST_PG_URI. Each thread makes unkeyed deposits of one cent to its own
// account for ATM_PG_BENCH_SECONDS (default 5), then the same with an Idempotency-Key on every deposit.
#if PostgreSQL
    import ATMCore
    import ATMMoney
    import ATMPostgres
    import Glibc
    import Synchronization

    guard let uri = getenv("ATM_TEST_PG_URI").map({ String(cString: $0) }) else {
        print("pg-bench: set ATM_TEST_PG_URI (scripts/with-postgres sets it)")
        exit(64)
    }
    let seconds = getenv("ATM_PG_BENCH_SECONDS").flatMap { Int(String(cString: $0)) } ?? 5
    let threadCounts = CommandLine.arguments.dropFirst().compactMap { Int($0) }
    let runs = threadCounts.isEmpty ? [8, 64] : threadCounts

    final class Samples: @unchecked Sendable {
        let lock = Mutex<[Int64]>([])
    }

    func measure(threads: Int, keyed: Bool, round: Int) {
        let ledger: PostgresLedger
        do {
            ledger = try PostgresLedger.open(PostgresConfiguration(uri: uri, poolSize: threads))
            _ = try ledger.seedIfEmpty([])
        } catch {
            print("pg-bench: \(error)")
            exit(69)
        }
        let accounts = (0..<threads).map { AccountNumber(Array(String(10_000 + $0).utf8))! }
        for account in accounts { _ = ledger.perform(.create(account, balance: Money(cents: 0)), OperationContext()) }
        let samples = Samples()
        let failures = Atomic<Int>(0)
        let end = PostgresDeadline.after(milliseconds: seconds * 1000)
        var handles: [pthread_t] = []
        final class Box: @unchecked Sendable {
            let run: () -> Void; init(_ run: @escaping () -> Void) { self.run = run }
        }
        for thread in 0..<threads {
            let box = Box {
                var mine: [Int64] = []
                var step = 0
                while !end.hasPassed {
                    step += 1
                    let key = keyed ? IdempotencyKey(Array("bench-\(round)-\(thread)-\(step)".utf8)[...]) : nil
                    let context = OperationContext(
                        deadline: PostgresDeadline.after(milliseconds: 2000).operationDeadline, idempotencyKey: key)
                    let start = PostgresDeadline.now
                    let outcome = ledger.perform(.deposit(Money(cents: 1), to: accounts[thread]), context)
                    mine.append(PostgresDeadline.now.monotonicNanoseconds - start.monotonicNanoseconds)
                    if case .balance = outcome {} else { failures.add(1, ordering: .relaxed) }
                }
                samples.lock.withLock { $0.append(contentsOf: mine) }
            }
            var handle = pthread_t()
            pthread_create(
                &handle, nil,
                { raw in
                    Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().run()
                    return nil
                }, Unmanaged.passRetained(box).toOpaque())
            handles.append(handle)
        }
        for handle in handles { pthread_join(handle, nil) }
        let sorted = samples.lock.withLock { $0.sorted() }
        let p50 = Double(sorted[sorted.count / 2]) / 1e6
        let p99 = Double(sorted[min(sorted.count - 1, sorted.count * 99 / 100)]) / 1e6
        let rate = Double(sorted.count) / Double(seconds)
        let line =
            "threads=\(threads) keyed=\(keyed) deposits=\(sorted.count) per_second=\(Int(rate)) "
            + "p50_ms=\((p50 * 100).rounded() / 100) p99_ms=\((p99 * 100).rounded() / 100) "
            + "failures=\(failures.load(ordering: .relaxed))"
        print(line)
    }

    for (round, threads) in runs.enumerated() {
        measure(threads: threads, keyed: false, round: round)
        measure(threads: threads, keyed: true, round: round)
    }
#else
    print("pg-bench: build with --traits PostgreSQL")
#endif
