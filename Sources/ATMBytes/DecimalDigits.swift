/// The one parser of unsigned integers: protocol cents, sequence numbers, settings, Content-Length, money's
/// whole part and (in hexadecimal) HTTP chunk sizes.
///
/// Grammar: `1*DIGIT`, ASCII only. Each caller chooses whether leading zeros are allowed (the
/// protocol refuses them so that every value has one spelling; HTTP allows them) and the range.
/// Overflow is reported as `nil`, never trapped.
public enum DecimalDigits {
    /// The value of `bytes`, or `nil` when they are not all digits, are empty, have a refused leading
    /// zero, or exceed `maximum`.
    public static func parse(
        _ bytes: ArraySlice<UInt8>, maximum: UInt64 = .max, allowingLeadingZeros: Bool = false
    ) -> UInt64? {
        if !allowingLeadingZeros && bytes.count > 1 && bytes.first == UInt8(ascii: "0") { return nil }
        return accumulate(bytes, radix: 10, maximum: maximum) {
            ASCII.isDigit($0) ? UInt64($0 &- UInt8(ascii: "0")) : nil
        }
    }

    /// `1*HEXDIG` (either case, leading zeros allowed, as HTTP chunk sizes are), with the same overflow rule.
    public static func parseHexadecimal(_ bytes: ArraySlice<UInt8>, maximum: UInt64 = .max) -> UInt64? {
        accumulate(bytes, radix: 16, maximum: maximum, digit: hexValue)
    }

    /// Exactly `count` lowercase hex digits (`0-9a-f`, as W3C Trace Context's `HEXDIGLC`), `count` at most 16;
    /// `nil` for any other byte, upper case included, or another length.
    public static func parseLowercaseHexadecimal(_ bytes: ArraySlice<UInt8>, count: Int) -> UInt64? {
        guard bytes.count == count, count <= 16 else { return nil }
        return accumulate(bytes, radix: 16, maximum: .max) { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
    }

    /// The value of a hexadecimal digit, or `nil` for any other byte.
    public static func hexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt64(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The one overflow rule: every step reports overflow, and a value past `maximum` is `nil`, never a trap.
    private static func accumulate(
        _ bytes: ArraySlice<UInt8>, radix: UInt64, maximum: UInt64, digit: (UInt8) -> UInt64?
    ) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard let digit = digit(byte) else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
            let (sum, o2) = shifted.addingReportingOverflow(digit)
            guard !o1, !o2, sum <= maximum else { return nil }
            value = sum
        }
        return value
    }

    /// ``parse(_:maximum:allowingLeadingZeros:)`` for a signed range, as `Int64`.
    public static func parse(_ bytes: ArraySlice<UInt8>, in range: ClosedRange<Int64>) -> Int64? {
        guard range.upperBound >= 0, let value = parse(bytes, maximum: UInt64(range.upperBound)) else { return nil }
        let signed = Int64(value)
        return range.contains(signed) ? signed : nil
    }
}
