/// Byte-level helpers shared by every codec, so that none of them builds a `String` to compare or write ASCII.
///
/// They take concrete `[UInt8]` and `ArraySlice<UInt8>` rather than generic collections: `atm-handler`
/// lives for one request, and each unspecialized generic call costs it runtime metadata lookups.
public enum ASCII {
    @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Whether `bytes` are exactly the characters of `literal`.
    public static func equals(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        bytes.count == literal.utf8CodeUnitCount && hasPrefix(bytes, literal)
    }

    /// Whether `bytes` start with the characters of `literal`.
    public static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let start = literal.utf8Start
        var index = bytes.startIndex
        for offset in 0..<count {
            if bytes[index] != start[offset] { return false }
            index += 1
        }
        return true
    }

    /// Whether `bytes` are all ASCII digits (and there is at least one).
    public static func isDigits(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where !isDigit(byte) { return false }
        return true
    }

    /// `bytes` with every `%XX` (either case) replaced by its byte, or `nil` for a `%` not followed by
    /// two hex digits: the one percent-decoder, for query strings and for identities on protocol lines.
    public static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                result.append(byte)
                index += 1
                continue
            }
            guard bytes.endIndex - index >= 3, let high = DecimalDigits.hexValue(bytes[index + 1]),
                let low = DecimalDigits.hexValue(bytes[index + 2])
            else { return nil }
            result.append(UInt8(truncatingIfNeeded: high << 4 | low))
            index += 3
        }
        return result
    }
}
