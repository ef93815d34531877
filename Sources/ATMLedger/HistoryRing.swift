import ATMCore

/// The newest `capacity` history entries of one account, oldest overwritten first.
///
/// Empty until the first change, so a million untouched accounts cost nothing for it.
struct HistoryRing: Sendable {
    private var entries: [HistoryEntry] = []
    /// Where the next entry goes once the ring is full.
    private var next = 0

    mutating func append(_ entry: HistoryEntry, capacity: Int) {
        guard capacity > 0 else { return }
        if entries.count < capacity {
            entries.append(entry)
        } else {
            entries[next] = entry
            next = (next + 1) % capacity
        }
    }

    /// Up to `limit` entries with an id below `before` (when given), newest first.
    func newest(_ limit: Int, before: UInt64?) -> [HistoryEntry] {
        var result: [HistoryEntry] = []
        guard !entries.isEmpty else { return result }
        result.reserveCapacity(min(limit, entries.count))
        var index = (next + entries.count - 1) % entries.count
        for _ in 0..<entries.count {
            let entry = entries[index]
            if before.map({ entry.id < $0 }) ?? true {
                result.append(entry)
                if result.count == limit { break }
            }
            index = (index + entries.count - 1) % entries.count
        }
        return result
    }

    /// Every entry, oldest first (for snapshots).
    var oldestFirst: [HistoryEntry] {
        Array(entries[next...] + entries[..<next])
    }
}
