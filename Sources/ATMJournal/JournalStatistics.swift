/// Counters for metrics, read with ``Journal/statistics()``.
public struct JournalStatistics: Sendable {
    /// Counts of observations per bucket: `counts[i]` holds values `<= upperBounds[i]` (and above
    /// the previous bound); the last count holds values above every bound. Not cumulative.
    public struct Histogram: Sendable {
        public let upperBounds: [Double]
        public private(set) var counts: [UInt64]
        public private(set) var sum: Double = 0
        public private(set) var count: UInt64 = 0

        init(upperBounds: [Double]) {
            self.upperBounds = upperBounds
            counts = [UInt64](repeating: 0, count: upperBounds.count + 1)
        }

        mutating func record(_ value: Double) {
            counts[upperBounds.firstIndex { value <= $0 } ?? upperBounds.count] += 1
            sum += value
            count += 1
        }
    }

    /// Records made durable since open.
    public internal(set) var recordsWritten: UInt64 = 0
    /// Record bytes (framing included) made durable since open.
    public internal(set) var bytesWritten: UInt64 = 0
    /// `fdatasync` calls that covered records.
    public internal(set) var syncs: UInt64 = 0
    /// Records covered by the most recent sync.
    public internal(set) var lastRecordsPerSync = 0
    /// Records per sync: how well group commit batches.
    public internal(set) var recordsPerSync = Histogram(upperBounds: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512])
    /// Seconds per write and `fdatasync` of one batch.
    public internal(set) var syncSeconds = Histogram(upperBounds: [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    ])
    /// Snapshots written since open.
    public internal(set) var compactions: UInt64 = 0
    /// Seconds the latest compaction took (fold and snapshot writing, off the append path).
    public internal(set) var lastCompactionSeconds: Double = 0
    /// Seconds appends were held while the live journal was rotated (a few syncs per compaction).
    public internal(set) var rotationSeconds = Histogram(upperBounds: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1])
    /// The live journal file's size in bytes.
    public internal(set) var journalBytes = 0
}
