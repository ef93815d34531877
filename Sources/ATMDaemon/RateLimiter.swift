import Synchronization

/// Token buckets per client (identity, or address without one), held by the daemon because handlers
/// live for one connection and cannot remember a client between them.
///
/// Each client may send `burst` commands at once and `perMinute` a minute after that. Integer
/// arithmetic in thousandths of a command, so nothing drifts or rounds up in the client's favour.
public final class RateLimiter: Sendable {
    public let perMinute: Int
    public let burst: Int
    /// The most clients tracked; past it, clients with a full bucket are forgotten (they lose nothing),
    /// and if every one is in use the table starts again, so memory stays bounded whatever the spread.
    public let capacity: Int
    private let clock: @Sendable () -> Int64
    private let buckets: Mutex<[String: Bucket]>

    private struct Bucket {
        var milliTokens: Int64
        var updatedMilliseconds: Int64
    }

    /// A limiter reading milliseconds from `clock` (monotonic); `perMinute` 0 turns limiting off.
    public init(
        perMinute: Int, burst: Int, capacity: Int = 100_000, clock: @escaping @Sendable () -> Int64
    ) {
        self.perMinute = perMinute
        self.burst = max(1, burst)
        self.capacity = max(1, capacity)
        self.clock = clock
        buckets = Mutex([:])
    }

    /// Whether limiting is on at all.
    public var isEnabled: Bool { perMinute > 0 }

    /// Takes one command from `client`'s bucket: `nil` when allowed, else the whole seconds (at least 1)
    /// until the next one would be.
    public func take(for client: String) -> Int? {
        guard isEnabled else { return nil }
        let now = clock()
        let full = Int64(burst) * 1000
        let perMinute = Int64(perMinute)
        return buckets.withLock { table -> Int? in
            var bucket = table[client] ?? Bucket(milliTokens: full, updatedMilliseconds: now)
            let elapsed = max(0, now - bucket.updatedMilliseconds)
            // perMinute commands per 60 000 ms is perMinute thousandths per 60 ms.
            let (gained, overflow) = elapsed.multipliedReportingOverflow(by: perMinute)
            bucket.milliTokens = overflow ? full : min(full, bucket.milliTokens + gained / 60)
            bucket.updatedMilliseconds = now
            if bucket.milliTokens >= 1000 {
                bucket.milliTokens -= 1000
                if table[client] == nil && table.count >= capacity {
                    Self.prune(&table, capacity: capacity, full: full, now: now, perMinute)
                }
                table[client] = bucket
                return nil
            }
            table[client] = bucket
            let missing = 1000 - bucket.milliTokens
            let waitMilliseconds = (missing * 60 + perMinute - 1) / perMinute
            return Int(max(1, (waitMilliseconds + 999) / 1000))
        }
    }

    /// How many clients are tracked now.
    public var trackedClients: Int { buckets.withLock { $0.count } }

    private static func prune(
        _ table: inout [String: Bucket], capacity: Int, full: Int64, now: Int64, _ perMinute: Int64
    ) {
        table = table.filter { _, bucket in
            let (gained, overflow) = max(0, now - bucket.updatedMilliseconds).multipliedReportingOverflow(by: perMinute)
            return !overflow && bucket.milliTokens + gained / 60 < full
        }
        if table.count >= capacity { table.removeAll(keepingCapacity: true) }
    }
}
