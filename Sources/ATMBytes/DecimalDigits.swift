/// The one parser of unsigned decimal integers: protocol cents, sequence numbers, settings and lengths.
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
        guard !bytes.isEmpty else { return nil }
        if !allowingLeadingZeros && bytes.count > 1 && bytes.first == UInt8(ascii: "0") { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard ASCII.isDigit(byte) else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte &- UInt8(ascii: "0")))
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
