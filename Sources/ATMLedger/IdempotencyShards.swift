import ATMCore
import Synchronization

/// The live ledger's idempotency keys, spread by the key's hash over tables locked apart, so keyed
/// commands with different keys do not queue on one lock. With one lock for all keys, 64 clients
/// depositing on 64 accounts managed a fifth of their unkeyed rate: every keyed command took that lock
/// twice (claim, then finish), and a contended lock hands over through the kernel.
///
/// Each shard keeps `capacity / count` keys (rounded up) and lets its own oldest go first, so about the
/// newest `capacity` keys are kept in all; a table too small to split (under two shards of
/// ``keysPerShard``) is one shard, where "the oldest go first" holds exactly. Recovery (`LedgerState`)
/// keeps the one global order; the shards are filled from it, oldest first.
final class IdempotencyShards: Sendable {
    private final class Shard: Sendable {
        let table: Mutex<IdempotencyTable>

        init(capacity: Int) {
            table = Mutex(IdempotencyTable(capacity: capacity))
        }
    }

    /// The fewest keys a shard is given; below two shards' worth the table is not split.
    static let keysPerShard = 16_384
    /// Enough shards that 64 or more clients rarely meet on one, few enough to cost nothing to hold.
    static let maximumShards = 64

    private let shards: [Shard]

    /// Shards for `capacity` keys, holding `recovered`'s finished keys in its order.
    init(_ recovered: IdempotencyTable) {
        let count = min(Self.maximumShards, max(1, recovered.capacity / Self.keysPerShard))
        let perShard = (recovered.capacity + count - 1) / count
        shards = (0..<count).map { _ in Shard(capacity: perShard) }
        for (key, entry) in recovered.finishedOldestFirst {
            guard case .finished(let operation, let outcome, let time) = entry else { continue }
            shard(for: key).table.withLock {
                $0.finish(key, operation: operation, outcome: outcome, timeMilliseconds: time)
            }
        }
    }

    var shardCount: Int { shards.count }

    /// Keys held, in all shards.
    var count: Int { shards.reduce(0) { total, shard in total + shard.table.withLock { $0.count } } }

    private func shard(for key: IdempotencyKey) -> Shard {
        shards.count == 1 ? shards[0] : shards[Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))]
    }

    func claim(_ key: IdempotencyKey, for operation: LedgerOperation) -> IdempotencyTable.Claim {
        shard(for: key).table.withLock { $0.claim(key, for: operation) }
    }

    func release(_ key: IdempotencyKey) {
        shard(for: key).table.withLock { $0.release(key) }
    }

    func finish(_ key: IdempotencyKey, operation: LedgerOperation, outcome: LedgerOutcome, timeMilliseconds: Int64) {
        shard(for: key).table.withLock {
            $0.finish(key, operation: operation, outcome: outcome, timeMilliseconds: timeMilliseconds)
        }
    }
}
