import HTTP1

/// Milliseconds since the Unix epoch written as RFC 3339 UTC with milliseconds:
/// `2026-11-26T10:00:00.123Z`.
///
/// Integer arithmetic only (``HTTPDate/civilDate(daysSinceEpoch:)``, the proleptic Gregorian
/// calendar), so it needs no Foundation and no time zone database.
public enum UTCTimestamp {
    /// The timestamp of `milliseconds` (from 0, the epoch, up to year 9999).
    public static func text(milliseconds: Int64) -> String {
        let clamped = min(max(milliseconds, 0), 253_402_300_799_999)
        let days = clamped / 86_400_000
        let inDay = clamped % 86_400_000
        let (year, month, day) = HTTPDate.civilDate(daysSinceEpoch: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(year, digits: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(Int64(month), digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(Int64(day), digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        append(inDay / 3_600_000, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(inDay / 60_000 % 60, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(inDay / 1_000 % 60, digits: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        append(inDay % 1_000, digits: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ value: Int64, digits: Int, to bytes: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<digits { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
