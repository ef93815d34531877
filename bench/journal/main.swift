// Journal group-commit benchmark: durable appends from 1, 8 and 64 threads on the real file system.
//
// Usage: swift run -c release atm-journal-bench [DIRECTORY] [SECONDS]
// DIRECTORY must be on a real disk (fsync on tmpfs is free); default: a new directory under .build.
import ATMDaemonSystem
import ATMJournal
import ATMSystem

let arguments = CommandLine.arguments
let parent = arguments.count > 1 ? arguments[1] : ".build"
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 2 : 2
let payload = [UInt8](repeating: 0x2A, count: 64)

struct Outcome {
    var appends = 0
    var latencies: [Int64] = []
    var statistics: JournalStatistics
}

/// Every fold copies its records, as a ledger's fold touches every change.
let foldEverything: Journal.Compactor = { snapshot, records in
    var bytes = snapshot ?? []
    for record in records { bytes += record.payload.prefix(8) }
    return bytes
}

func run(clients: Int, compactAfterBytes: Int) -> Outcome {
    let directory = try! FileSystem.makeTemporaryDirectory(prefix: parent + "/journal-bench-")
    let path = directory + "/journal"
    let storage = FileStorage(directoryOf: path)
    let (journal, _) = try! Journal.open(
        path: path, storage: storage, compactAfterBytes: compactAfterBytes, compactor: foldEverything)
    let end = Deadline(nanoseconds: Deadline.now.nanoseconds + Int64(seconds * 1e9))
    let results = ConditionLock((finished: 0, latencies: [Int64]()))
    for _ in 0..<clients {
        try! Threads.detach {
            var mine: [Int64] = []
            while !end.hasPassed {
                let start = Deadline.now
                _ = try! journal.append(payload)
                mine.append(Deadline.now.nanoseconds - start.nanoseconds)
            }
            results.withLock { locked in
                locked.state.finished += 1
                locked.state.latencies += mine
                locked.broadcast()
            }
        }
    }
    let latencies = results.withLock { locked in
        while locked.state.finished < clients { locked.wait() }
        return locked.state.latencies
    }
    journal.waitForCompaction()
    let outcome = Outcome(appends: latencies.count, latencies: latencies.sorted(), statistics: journal.statistics())
    for name in ["journal", "journal.snapshot", "journal.old"] { try? FileSystem.remove(directory + "/" + name) }
    try? FileSystem.removeDirectory(directory)
    return outcome
}

func milliseconds(_ sorted: [Int64], _ quantile: Double) -> String {
    guard !sorted.isEmpty else { return "-" }
    let value = Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * quantile))]) / 1e6
    return value < 10 ? String(Int(value * 1000)) + " µs" : String(Int(value)) + " ms"
}

print("| clients | compaction | appends/s | records/fsync | p50 | p99 | max | compactions |")
print("|---|---|---|---|---|---|---|---|")
for (clients, compactAfter) in [(1, 1 << 30), (8, 1 << 30), (64, 1 << 30), (64, 1 << 20)] {
    let outcome = run(clients: clients, compactAfterBytes: compactAfter)
    let perSync = Double(outcome.statistics.recordsWritten) / Double(max(1, outcome.statistics.syncs))
    let rate = Int(Double(outcome.appends) / seconds)
    let every = compactAfter == 1 << 30 ? "off" : "every \(compactAfter >> 20) MiB"
    print(
        "| \(clients) | \(every) | \(rate) | \(Int(perSync * 10) / 10).\(Int(perSync * 10) % 10) |"
            + " \(milliseconds(outcome.latencies, 0.5)) | \(milliseconds(outcome.latencies, 0.99)) |"
            + " \(milliseconds(outcome.latencies, 1)) | \(outcome.statistics.compactions) |")
}
