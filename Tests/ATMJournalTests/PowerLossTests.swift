import ATMJournal
import ATMJournalTesting
import ATMSystem
import Synchronization
import Testing

/// Power loss at a seeded point of a workload of appends and compactions, then recovery.
///
/// 1,000 seeds by default; `ATM_SIM_SEED=N` replays seed N alone. Seeds that run appends on
/// several threads or compact on a background thread replay the crash point and the torn bytes,
/// but not the exact interleaving of the threads.
@Suite struct PowerLossTests {
    private static var seeds: [UInt64] {
        if let text = Environment.value("ATM_SIM_SEED"), let seed = UInt64(text) { return [seed] }
        return Array(1...1000)
    }

    @Test func recoveryAfterPowerLossIsExactlyAPrefixHoldingEveryAcknowledgedRecord() {
        var failures = 0
        for seed in Self.seeds {
            if let failure = simulate(seed: seed) {
                Issue.record("seed \(seed): \(failure) (replay: ATM_SIM_SEED=\(seed) swift test --filter PowerLoss)")
                failures += 1
                if failures == 5 { break }
            }
        }
    }

    @Test func aCrashAtEveryOperationOfACompactingWorkloadRecovers() {
        let disk = SimulatedDisk()
        let count = 40
        do {
            let (journal, _) = try openJournal(on: disk, compactAfterBytes: 150)
            for index in 0..<count { _ = try journal.append(payload("p\(index)")) }
        } catch {
            Issue.record("\(error)")
        }
        let operations = disk.operationCount
        for crashAt in 1...operations {
            for seed in UInt64(0)..<3 {
                if let failure = simulateOne(crashAt: crashAt, seed: seed, count: count) {
                    Issue.record("crash at operation \(crashAt), seed \(seed): \(failure)")
                    return
                }
            }
        }
    }

    /// Single-threaded, compaction inline: the crash lands at exactly operation `crashAt`.
    private func simulateOne(crashAt: Int, seed: UInt64, count: Int) -> String? {
        let disk = SimulatedDisk()
        var acknowledged: [[UInt8]] = []
        disk.powerFail(afterOperations: crashAt)
        do {
            let (journal, _) = try openJournal(on: disk, compactAfterBytes: 150)
            for index in 0..<count {
                guard let _ = try? journal.append(payload("p\(index)")) else { break }
                acknowledged.append(payload("p\(index)"))
            }
        } catch {
            // The power failed while creating the journal: nothing was acknowledged.
        }
        disk.crash(seed: seed)
        do {
            let recovered = history(try openJournal(on: disk).1).map(\.payload)
            let attempted = (0..<count).map { payload("p\($0)") }
            guard recovered.count >= acknowledged.count, recovered.count <= acknowledged.count + 1,
                recovered == Array(attempted.prefix(recovered.count))
            else { return "recovered \(recovered.count) records, acknowledged \(acknowledged.count)" }
            return nil
        } catch {
            return "recovery failed: \(error)"
        }
    }

    /// One seeded run: two lives, each a workload cut by a power failure, each checked on recovery.
    private func simulate(seed: UInt64) -> String? {
        var random = SeededRandom(seed: seed)
        let disk = SimulatedDisk()
        let compactAfterBytes = Int.random(in: 80...700, using: &random)
        var durable: [JournalRecord] = []
        let attempted = Mutex(Set<[UInt8]>())
        for life in 0..<2 {
            let threads = Int.random(in: 0..<4, using: &random) == 0 ? 4 : 1
            let scheduling: Journal.CompactionScheduling =
                threads == 1 && Bool.random(using: &random) ? .appendingThread : .backgroundThread
            let appends = Int.random(in: 1...60, using: &random)
            let lengths = (0..<appends).map { _ in Int.random(in: 0...40, using: &random) }
            let crashAt = Int.random(in: 1...(3 * appends + 20), using: &random)
            let acknowledged = Mutex([UInt64: [UInt8]]())
            do {
                let (journal, recovery) = try Journal.open(
                    path: "journal", storage: disk, compactAfterBytes: compactAfterBytes, compaction: scheduling,
                    compactor: keepEveryRecord)
                if let problem = check(history(recovery), durable: durable, attempted: attempted.withLock { $0 }) {
                    return "life \(life), after reopening cleanly: \(problem)"
                }
                disk.powerFail(afterOperations: crashAt)
                onThreads(threads) { thread in
                    for index in stride(from: thread, to: appends, by: threads) {
                        let bytes =
                            payload("\(seed)/\(life)/\(index)/")
                            + [UInt8](repeating: UInt8(index & 0xFF), count: lengths[index])
                        attempted.withLock { _ = $0.insert(bytes) }
                        guard let sequence = try? journal.append(bytes) else { return }
                        acknowledged.withLock { $0[sequence] = bytes }
                    }
                }
                journal.waitForCompaction()
            } catch {
                return "life \(life): opening failed: \(error)"
            }
            disk.crash(seed: random.next())
            let recovery: JournalRecovery
            do {
                recovery = try Journal.open(
                    path: "journal", storage: disk, compactAfterBytes: compactAfterBytes, compaction: .appendingThread,
                    compactor: keepEveryRecord
                ).1
            } catch {
                return "life \(life): recovery failed: \(error)"
            }
            let recovered = history(recovery)
            let acked = acknowledged.withLock { $0 }
            for (sequence, bytes) in acked {
                guard sequence >= 1, Int(sequence) <= recovered.count, recovered[Int(sequence) - 1].payload == bytes
                else {
                    return
                        "life \(life): acknowledged record \(sequence) missing or different (recovered \(recovered.count))"
                }
            }
            if let problem = check(recovered, durable: durable, attempted: attempted.withLock { $0 }) {
                return "life \(life): \(problem)"
            }
            durable = recovered
        }
        return nil
    }

    /// The recovered history extends what was durable before, numbered 1, 2, 3…, with each record one that was attempted, once.
    private func check(_ recovered: [JournalRecord], durable: [JournalRecord], attempted: Set<[UInt8]>) -> String? {
        guard recovered.count >= durable.count, Array(recovered.prefix(durable.count)) == durable else {
            return "lost or changed records that were durable (had \(durable.count), now \(recovered.count))"
        }
        guard recovered.map(\.sequence) == (0..<recovered.count).map({ UInt64($0 + 1) }) else {
            return "sequences are not 1...\(recovered.count)"
        }
        let added = recovered.dropFirst(durable.count).map(\.payload)
        guard Set(added).count == added.count, added.allSatisfy(attempted.contains) else {
            return "a record that was never appended, or twice"
        }
        return nil
    }
}
