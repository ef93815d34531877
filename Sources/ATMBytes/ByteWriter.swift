/// One buffer that a response, a protocol line or a log line is written into, piece by piece, and
/// then written out whole.
///
/// On the hot path this replaces a growing `[UInt8]`: in Embedded Swift each
/// `Array.append(contentsOf:)` of a short piece cost about a hundred instructions of bookkeeping and
/// an element-by-element copy (bench/where-the-time-goes.md). Here a piece is one capacity check and
/// one `memcpy`. The buffer doubles when it must, so a wrong size estimate costs a copy, never bytes.
public struct ByteWriter: ~Copyable, ByteSink {
    @usableFromInline var start: UnsafeMutableRawPointer
    @usableFromInline var capacity: Int
    @usableFromInline var written = 0

    /// How many bytes have been written.
    public var count: Int { written }

    /// An empty writer with room for `capacity` bytes before it first grows.
    @inlinable
    public init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(byteCount: self.capacity, alignment: 1)
    }

    deinit {
        start.deallocate()
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if written == capacity { grow(toHold: 1) }
        start.storeBytes(of: byte, toByteOffset: written, as: UInt8.self)
        written &+= 1
    }

    /// Appends a run of bytes with one copy.
    @inlinable @inline(__always)
    public mutating func append(raw bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if capacity &- written < bytes.count { grow(toHold: bytes.count) }
        (start + written).copyMemory(from: source, byteCount: bytes.count)
        written &+= bytes.count
    }

    /// The bytes written so far, for `body` only.
    @inlinable
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: start, count: written))
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
    @usableFromInline
    mutating func grow(toHold extra: Int) {
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
