/// Where bytes are appended: a `[UInt8]`, or a ``ByteWriter`` on the hot path.
///
/// The formatting helpers (literals, decimal, hex, UTF-8) are written once, in the extension below,
/// for both; a conformer supplies only its two ways of taking bytes. They are `@inlinable` so that
/// every module's callers get them specialized for their sink, not through a witness table.
public protocol ByteSink: ~Copyable {
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends a run of bytes: the one copy every helper below ends in.
    mutating func append(raw bytes: UnsafeRawBufferPointer)
}

extension ByteSink where Self: ~Copyable {
    /// Appends the characters of a literal.
    @inlinable @inline(__always)
    public mutating func append(ascii literal: StaticString) {
        append(raw: UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends bytes made elsewhere.
    @inlinable @inline(__always)
    public mutating func append(bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(raw: $0) }
    }

    /// Appends bytes made elsewhere.
    @inlinable @inline(__always)
    public mutating func append(bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { append(raw: $0) }
    }

    /// Appends a string's UTF-8 bytes.
    @inlinable
    public mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(raw: UnsafeRawBufferPointer($0)) }
    }

    /// Appends `byte` as two hex digits, lowercase unless `uppercase` (percent-encoding's preferred case).
    @inlinable
    public mutating func append(hex byte: UInt8, uppercase: Bool = false) {
        let letters = uppercase ? UInt8(ascii: "A") : UInt8(ascii: "a")
        let high = byte >> 4
        let low = byte & 0x0F
        append(high < 10 ? UInt8(ascii: "0") + high : letters + high - 10)
        append(low < 10 ? UInt8(ascii: "0") + low : letters + low - 10)
    }

    /// Appends an integer in decimal, with a `-` when negative; `Int64.min` included.
    @inlinable
    public mutating func append(decimal value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        Swift.withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[31 - count] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude != 0
            append(raw: UnsafeRawBufferPointer(rebasing: scratch[(32 - count)...]))
        }
    }
}

extension Array: ByteSink where Element == UInt8 {
    /// Appends a run of bytes.
    @inlinable
    public mutating func append(raw bytes: UnsafeRawBufferPointer) {
        append(contentsOf: bytes)
    }
}
