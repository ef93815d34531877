/// One buffer that a response, a protocol line or a log line is written into, piece by piece, and
/// then written out whole.
///
/// On the hot path this replaces a growing `[UInt8]`: in Embedded Swift each
/// `Array.append(contentsOf:)` of a short piece cost about a hundred instructions of bookkeeping and
/// an element-by-element copy (bench/where-the-time-goes.md). Here a piece is one capacity check and
/// one `memcpy`. The buffer doubles when it must, so a wrong size estimate costs a copy, never bytes.
public struct ByteWriter: ~Copyable, ByteSink {
    private var start: UnsafeMutableRawPointer
    private var capacity: Int
    /// How many bytes have been written.
    public private(set) var count = 0

    /// An empty writer with room for `capacity` bytes before it first grows.
    public init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit {
        start.deallocate()
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        start.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count &+= 1
    }

    /// Appends a run of bytes with one copy.
    @inline(__always)
    public mutating func append(raw bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if capacity &- count < bytes.count { grow(toHold: bytes.count) }
        (start + count).copyMemory(from: source, byteCount: bytes.count)
        count &+= bytes.count
    }

    /// The bytes written so far, for `body` only.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The bytes written so far, as an array (one copy).
    public var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let destination = buffer.baseAddress, count > 0 {
                UnsafeMutableRawPointer(destination).copyMemory(from: start, byteCount: count)
            }
            initialized = count
        }
    }

    /// Moves the bytes to a buffer at least twice as large with room for `extra` more.
    private mutating func grow(toHold extra: Int) {
        let (needed, overflow) = count.addingReportingOverflow(extra)
        precondition(!overflow && needed <= Int.max / 2, "a ByteWriter cannot hold \(count) + \(extra) bytes")
        let grown = Swift.max(needed, capacity &* 2)
        let moved = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 1)
        moved.copyMemory(from: start, byteCount: count)
        start.deallocate()
        start = moved
        capacity = grown
    }
}
