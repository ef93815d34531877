import ATMDaemonSystem
import ATMSystem
import Synchronization
import Testing

@Suite struct ReadWriteLockTests {
    @Test func aWriterHasTheLockAloneAndEveryWriteLands() throws {
        let lock = ReadWriteLock([Int]())
        let insideReaders = Atomic<Int>(0)
        let writerSawReaders = Atomic<Bool>(false)
        let threads = 8
        let finished = Atomic<Int>(0)
        for thread in 0..<threads {
            try Threads.detach {
                for round in 0..<2_000 {
                    if round % 100 == thread {
                        lock.withWriteLock { values in
                            if insideReaders.load(ordering: .acquiring) != 0 {
                                writerSawReaders.store(true, ordering: .relaxed)
                            }
                            values.append(thread)
                        }
                    } else {
                        lock.withReadLock { _ in
                            insideReaders.wrappingAdd(1, ordering: .acquiringAndReleasing)
                            insideReaders.wrappingSubtract(1, ordering: .acquiringAndReleasing)
                        }
                    }
                }
                finished.wrappingAdd(1, ordering: .releasing)
            }
        }
        let deadline = Deadline.after(milliseconds: 20_000)
        while finished.load(ordering: .acquiring) < threads && !deadline.hasPassed {
            _ = try? FileDescriptor.poll([], for: .readable, until: .after(milliseconds: 5))
        }
        let done = finished.load(ordering: .acquiring)
        let overlapped = writerSawReaders.load(ordering: .relaxed)
        #expect(done == threads, "every thread finished")
        #expect(!overlapped, "no reader was inside while a writer held the lock")
        #expect(lock.withReadLock { $0.count } == threads * 20, "every write landed once")
    }
}
