#if PostgreSQL
    import ATMDaemonSystem
    @testable import ATMPostgres
    import ATMSystem
    import Glibc
    import Synchronization
    import Testing

    @Suite("Group commit: who leads, what a batch carries, who is answered")
    struct GroupCommitTests {
        /// Where a batch holding one of `held` waits until the test releases it, so the test knows exactly
        /// what is queued behind it.
        final class Gate: Sendable {
            let held: Set<Int>
            private let open = ConditionLock(false)
            init(holding held: Set<Int>) { self.held = held }

            func pass(_ items: [Int]) {
                guard items.contains(where: held.contains) else { return }
                open.withLock { locked in while !locked.state { locked.wait() } }
            }

            func release() {
                open.withLock { locked in
                    locked.state = true
                    locked.broadcast()
                }
            }
        }

        /// Every batch run, and the most that ran at once.
        final class Record: Sendable {
            private let state = Mutex((batches: [[Int]](), running: 0, most: 0))
            var batches: [[Int]] { state.withLock { $0.batches } }
            var running: Int { state.withLock { $0.running } }
            var most: Int { state.withLock { $0.most } }

            func run(_ items: [Int], at gate: Gate? = nil) -> [String] {
                state.withLock {
                    $0.batches.append(items)
                    $0.running += 1
                    $0.most = max($0.most, $0.running)
                }
                gate?.pass(items)
                state.withLock { $0.running -= 1 }
                return items.map { "answer \($0)" }
            }
        }

        static func commit(largest: Int = 64, inFlight: Int = 1) -> GroupCommit<Int, String> {
            GroupCommit(largestBatch: largest, batchesInFlight: inFlight) { item, why in "\(why) \(item)" }
        }

        /// Spins (briefly sleeping) until `condition` holds; the bound is far beyond any step here, so a hang
        /// fails the test's expectations instead of hanging the run.
        static func waitFor(_ condition: () -> Bool) {
            let limit = Deadline.after(milliseconds: 30_000)
            while !condition() && !limit.hasPassed { usleep(200) }
        }

        static let later = 30_000

        @Test func aLoneItemIsRunAtOnceAndGetsItsOwnAnswer() {
            let commit = Self.commit()
            let record = Record()
            #expect(commit.submit(7, until: .after(milliseconds: Self.later)) { record.run($0) } == "answer 7")
            #expect(record.batches == [[7]])
        }

        /// While item 0's batch is held, ten more items queue. They then go as batches of at most four (4, 4,
        /// 2: each leader hands on to the oldest caller left), and every caller gets its own item's answer.
        @Test func itemsQueuedBehindARunningBatchShareTheNextBatchesUpToTheLargest() {
            let commit = Self.commit(largest: 4)
            let record = Record()
            let gate = Gate(holding: [0])
            let answers = Mutex<[Int: String]>([:])
            onThreads(12) { index in
                if index == 11 {
                    Self.waitFor { commit.waitingCount == 10 }
                    gate.release()
                    return
                }
                if index > 0 { Self.waitFor { !record.batches.isEmpty } }
                let answer = commit.submit(index, until: .after(milliseconds: Self.later)) { record.run($0, at: gate) }
                answers.withLock { $0[index] = answer }
            }
            #expect(answers.withLock { $0 } == Dictionary(uniqueKeysWithValues: (0...10).map { ($0, "answer \($0)") }))
            let batches = record.batches
            #expect(batches.map(\.count) == [1, 4, 4, 2])
            #expect(batches.flatMap { $0 }.sorted() == Array(0...10))
        }

        /// An item whose deadline passes while the only batch slot is busy is withdrawn: answered as expired
        /// and never handed to a batch (so never sent to the database).
        @Test func anItemWhoseDeadlinePassesInTheQueueIsWithdrawnAndNeverRun() {
            let commit = Self.commit()
            let record = Record()
            let gate = Gate(holding: [0])
            let answers = Mutex<[Int: String]>([:])
            onThreads(2) { index in
                if index == 1 {
                    Self.waitFor { !record.batches.isEmpty }
                    let answer = commit.submit(1, until: .after(milliseconds: 50)) { record.run($0, at: gate) }
                    answers.withLock { $0[1] = answer }
                    gate.release()
                    return
                }
                let answer = commit.submit(0, until: .after(milliseconds: Self.later)) { record.run($0, at: gate) }
                answers.withLock { $0[0] = answer }
            }
            #expect(answers.withLock { $0 } == [0: "answer 0", 1: "expired 1"])
            #expect(record.batches == [[0]])
            #expect(commit.waitingCount == 0)
        }

        /// A batch that returns fewer answers than items (a bug in its runner) leaves the rest unknown, not
        /// silently answered with someone else's outcome.
        @Test func itemsABatchLeftUnansweredAreUnanswered() {
            let commit = Self.commit()
            #expect(commit.submit(3, until: .after(milliseconds: Self.later)) { _ in [] } == "unanswered 3")
        }

        /// With two batch slots, two batches run at once and a third item waits for one of them.
        @Test func noMoreBatchesRunAtOnceThanItsSlots() {
            let commit = Self.commit(inFlight: 2)
            let record = Record()
            let gate = Gate(holding: [0, 1])
            let answers = Mutex<[Int: String]>([:])
            onThreads(4) { index in
                switch index {
                case 3:
                    // Both batches held and item 2 queued (item 1 alone in the queue is about to lead).
                    Self.waitFor { record.running == 2 && commit.waitingCount == 1 }
                    gate.release()
                    return
                case 2:
                    Self.waitFor { record.running == 2 }
                case 1:
                    // Only once item 0's batch runs, or that batch could take item 1 as well.
                    Self.waitFor { record.running == 1 }
                default:
                    break
                }
                let answer = commit.submit(index, until: .after(milliseconds: Self.later)) { record.run($0, at: gate) }
                answers.withLock { $0[index] = answer }
            }
            #expect(answers.withLock { $0 } == [0: "answer 0", 1: "answer 1", 2: "answer 2"])
            #expect(record.most == 2)
            #expect(record.batches.count == 3)
            #expect(record.batches.last == [2])
        }

        /// Many callers at once: every item is run exactly once, in a batch no larger than the largest, with
        /// no more batches at once than the slots, and each caller gets its own answer.
        @Test func underContentionEveryItemRunsOnceAndEachCallerGetsItsOwnAnswer() {
            let commit = Self.commit(largest: 5, inFlight: 2)
            let record = Record()
            let wrong = Atomic<Int>(0)
            onThreads(8) { thread in
                for step in 0..<300 {
                    let item = thread * 1000 + step
                    let answer = commit.submit(item, until: .after(milliseconds: Self.later)) { record.run($0) }
                    if answer != "answer \(item)" { wrong.add(1, ordering: .relaxed) }
                }
            }
            #expect(wrong.load(ordering: .relaxed) == 0)
            let batches = record.batches
            #expect(batches.allSatisfy { (1...5).contains($0.count) })
            #expect(
                batches.flatMap { $0 }.sorted() == (0..<8).flatMap { thread in (0..<300).map { thread * 1000 + $0 } })
            #expect(record.most <= 2)
        }
    }
#endif
