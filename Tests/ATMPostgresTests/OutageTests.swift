#if PostgreSQL
    import ATMCore
    import ATMMoney
    import ATMPostgres
    import Synchronization
    import Glibc
    import Testing

    @Suite("PostgresLedger when the database goes away")
    struct OutageTests {
        /// The server is stopped and restarted under load. While it is down the answers are only `unavailable`,
        /// `expired` or `unknown`, each within its deadline plus the grace; no change answered `unavailable` or
        /// `expired` is in the database; and the same ledger serves again once the server is back.
        @Test func aRestartUnderLoadAppliesNothingAnsweredUnavailableAndRecoversByItself() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger(poolSize: 4)
                _ = try ledger.seedIfEmpty([("1001", 0), ("1002", 0)])
                let deadlineMilliseconds = 400
                let running = Atomic<Bool>(true)
                let answered = Mutex<[String: LedgerOutcome]>([:])
                let late = Atomic<Int>(0)
                let workers = Mutex<[String]>([])
                let load = Thread {
                    onThreads(6) { thread in
                        var step = 0
                        while running.load(ordering: .relaxed) {
                            step += 1
                            let id = "r\(thread)-\(step)"
                            let context = OperationContext(
                                deadline: PostgresDeadline.after(milliseconds: deadlineMilliseconds).operationDeadline,
                                requestID: RequestID(Array(id.utf8)[...]))
                            let started = PostgresDeadline.now
                            let outcome =
                                step % 2 == 0
                                ? ledger.perform(.deposit(Money(cents: 1), to: number("100\(1 + thread % 2)")), context)
                                : ledger.perform(
                                    .transfer(Money(cents: 1), from: number("1001"), to: number("1002")), context)
                            if PostgresDeadline.now > started.adding(milliseconds: deadlineMilliseconds + 300) {
                                late.add(1, ordering: .relaxed)
                            }
                            answered.withLock { $0[id] = outcome }
                            if case .refused(.unavailable) = outcome { sleep(milliseconds: 5) }
                        }
                    }
                    workers.withLock { $0.append("done") }
                }
                sleep(milliseconds: 500)
                try cluster.stop()
                sleep(milliseconds: 800)
                try cluster.start()
                let recovery = PostgresDeadline.after(milliseconds: 10_000)
                var recovered = false
                while !recovery.hasPassed && !recovered {
                    sleep(milliseconds: 50)
                    recovered = ledger.balance(of: "1001").isBalance
                }
                sleep(milliseconds: 300)
                running.store(false, ordering: .relaxed)
                load.join()
                #expect(recovered)
                #expect(late.load(ordering: .relaxed) == 0)
                let outcomes = answered.withLock { $0 }
                let inHistory = Set(cluster.query("SELECT DISTINCT request_id FROM history").compactMap { $0 })
                var counts: [String: Int] = [:]
                for (id, outcome) in outcomes {
                    let kind: String
                    switch outcome {
                    case .balance: kind = "applied"
                    case .refused(.unavailable): kind = "unavailable"
                    case .refused(.expired): kind = "expired"
                    case .refused(.unknown): kind = "unknown"
                    case .refused(.insufficientFunds): kind = "insufficient"
                    default: kind = "unexpected \(outcome)"
                    }
                    counts[kind, default: 0] += 1
                    switch kind {
                    case "applied": #expect(inHistory.contains(id), "\(id) answered applied but not in the database")
                    case "unavailable", "expired", "insufficient":
                        #expect(!inHistory.contains(id), "\(id) answered \(kind) but applied")
                    case "unknown": break
                    default: Issue.record("\(id): \(kind)")
                    }
                }
                print("OutageTests outcomes \(counts.sorted { $0.key < $1.key })")
                #expect(counts["unavailable", default: 0] + counts["expired", default: 0] > 0)
                #expect(counts["applied", default: 0] > 0)
                let total = cluster.query("SELECT sum(balance_cents) FROM accounts").first ?? nil
                let deposits = cluster.query("SELECT count(*) FROM history WHERE kind = 'deposit'").first ?? nil
                #expect(total == deposits)
            }
        }
    }

    /// A joinable pthread running `body`.
    final class Thread: @unchecked Sendable {
        private var thread = pthread_t()
        private let body: @Sendable () -> Void

        init(_ body: @escaping @Sendable () -> Void) {
            self.body = body
            let raw = Unmanaged.passRetained(self).toOpaque()
            let created = pthread_create(
                &thread, nil,
                { raw in
                    let me = Unmanaged<Thread>.fromOpaque(raw!).takeRetainedValue()
                    me.body()
                    return nil
                }, raw)
            precondition(created == 0, "pthread_create failed")
        }

        func join() { pthread_join(thread, nil) }
    }
#endif
