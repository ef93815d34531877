import Synchronization

/// A fixed number of counters that any thread adds to without a lock.
///
/// Every command updates the daemon's metrics; behind one `Mutex` those updates were the most
/// contended lock in the daemon (bench/where-the-time-goes.md). Each counter here is its own
/// `Atomic`, so threads never wait for one another. A reader sees each counter's latest value,
/// though not one instant's values of all of them, which Prometheus expects of counters.
final class AtomicCounters: @unchecked Sendable {
    // @unchecked: the storage is written only through atomic operations, and is never reallocated.
    private let storage: UnsafeMutablePointer<Atomic<UInt64>>
    let count: Int

    init(count: Int) {
        precondition(count > 0, "a counter table holds at least one counter")
        self.count = count
        storage = .allocate(capacity: count)
        for index in 0..<count { (storage + index).initialize(to: Atomic(0)) }
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Adds `amount` to counter `index` (wrapping, as a counter that ran for ages would).
    func add(_ index: Int, _ amount: UInt64 = 1) {
        precondition(index >= 0 && index < count, "counter index out of range")
        storage[index].wrappingAdd(amount, ordering: .relaxed)
    }

    /// Counter `index` now.
    subscript(index: Int) -> UInt64 {
        precondition(index >= 0 && index < count, "counter index out of range")
        return storage[index].load(ordering: .relaxed)
    }
}
