/// A sink over memory someone else allocated and sized: for filling a short array in one go with
/// `[UInt8](unsafeUninitializedCapacity:)`, as ``ArrayOfBytes/make(capacity:_:)`` does.
///
/// A `[UInt8]` is a ``ByteSink`` too, but each of its appends goes through `Array.append(contentsOf:)`,
/// about a hundred instructions of bookkeeping in Embedded Swift; here a piece is one bounds check and
/// one copy. Writing past the capacity is a bug and traps.
public struct FixedCapacityWriter: ~Copyable, ByteSink {
    @usableFromInline let start: UnsafeMutableRawPointer
    @usableFromInline let capacity: Int
    @usableFromInline var written = 0

    /// How many bytes have been written.
    public var count: Int { written }

    @inlinable
    init(start: UnsafeMutableRawPointer, capacity: Int) {
        self.start = start
        self.capacity = capacity
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        precondition(written < capacity, "a FixedCapacityWriter is full")
        start.storeBytes(of: byte, toByteOffset: written, as: UInt8.self)
        written &+= 1
    }

    @inlinable @inline(__always)
    public mutating func append(raw bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(capacity &- written >= bytes.count, "a FixedCapacityWriter is full")
        (start + written).copyMemory(from: source, byteCount: bytes.count)
        written &+= bytes.count
    }
}

/// Short arrays of bytes made with one allocation and no per-piece bookkeeping.
public enum ArrayOfBytes {
    /// The bytes `body` writes, at most `capacity` of them: a response field's value, say.
    @inlinable
    public static func make(capacity: Int, _ body: (inout FixedCapacityWriter) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            guard let base = buffer.baseAddress else {
                initialized = 0
                return
            }
            var writer = FixedCapacityWriter(start: UnsafeMutableRawPointer(base), capacity: capacity)
            body(&writer)
            initialized = writer.count
        }
    }
}
