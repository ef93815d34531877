/// Fixed-width integers in little-endian byte order: the one way binary formats (journal framing,
/// ledger records, snapshots) write and read numbers, whatever the machine's own order.
extension ByteSink where Self: ~Copyable {
    /// Appends `value` as `Value.bitWidth / 8` bytes, least significant first.
    @inlinable
    public mutating func append<Value: FixedWidthInteger>(littleEndian value: Value) {
        withUnsafeBytes(of: value.littleEndian) { append(raw: $0) }
    }
}

extension Collection where Element == UInt8, Index == Int {
    /// The little-endian integer of `Value`'s width at `offset`, for formats whose framing has already checked
    /// that the bytes are there (a ``LittleEndianReader`` checks for itself).
    @inlinable
    public func littleEndian<Value: FixedWidthInteger>(_: Value.Type = Value.self, at offset: Int) -> Value {
        var value: Value = 0
        for position in (offset..<offset + Value.bitWidth / 8).reversed() { value = value << 8 | Value(self[position]) }
        return value
    }
}

/// A cursor over bytes in a binary format: each read checks that the bytes are there and says where it
/// stopped when they are not, so a short or damaged encoding is an error, never a trap.
public struct LittleEndianReader: Sendable {
    /// Why the bytes are not what the format says, and at which offset (from the start given to the reader).
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public let offset: Int
        public let reason: String

        public init(offset: Int, reason: String) {
            self.offset = offset
            self.reason = reason
        }

        public var description: String { "\(reason) at byte \(offset)" }
    }

    public let bytes: ArraySlice<UInt8>
    /// The index of the next byte to read.
    public private(set) var index: Int

    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    public init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// How far into the bytes the reader is.
    public var offset: Int { index - bytes.startIndex }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { index == bytes.endIndex }

    /// A failure at the current offset.
    public func failure(_ reason: String) -> Failure { Failure(offset: offset, reason: reason) }

    /// Reads one little-endian integer of `Value`'s width.
    public mutating func read<Value: FixedWidthInteger>(_: Value.Type = Value.self) throws(Failure) -> Value {
        let width = Value.bitWidth / 8
        guard bytes.endIndex - index >= width else { throw failure("cut short reading \(width) bytes") }
        defer { index += width }
        return bytes.littleEndian(Value.self, at: index)
    }

    /// Reads the next `count` bytes.
    public mutating func read(count: Int) throws(Failure) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.endIndex - index >= count else { throw failure("cut short reading \(count) bytes") }
        defer { index += count }
        return bytes[index..<index + count]
    }

    /// Fails unless every byte has been read: trailing bytes are damage, not padding.
    public func expectEnd() throws(Failure) {
        guard isAtEnd else { throw failure("\(bytes.endIndex - index) bytes after the end") }
    }
}
