import ATMBytes

/// A point in time as an HTTP `Date` field writes it: IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// RFC 9110 §5.6.7 and §6.6.1: an origin server with a clock sends `Date` in every 2xx, 3xx and 4xx
/// response. Formatted by hand from seconds since the epoch (the proleptic Gregorian calendar in
/// UTC, no leap seconds), so the codec needs neither Foundation nor the C library's locale.
public struct HTTPDate: Sendable, Hashable {
    /// Seconds since 1970-01-01T00:00:00Z; negative values are before it.
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// The civil date and time in UTC.
    private var components: (year: Int64, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let (days, secondOfDay) = Self.floorDivision(secondsSinceEpoch, 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        // 1970-01-01 was a Thursday; weekday 0 is Sunday.
        let weekday = Int(Self.floorDivision(days &+ 4, 7).remainder)
        let seconds = Int(secondOfDay)
        return (year, month, day, seconds / 3600, seconds / 60 % 60, seconds % 60, weekday)
    }

    /// Appends `day-name "," SP date1 SP time-of-day SP GMT` (RFC 9110 §5.6.7).
    public func append(to bytes: inout [UInt8]) {
        let parts = components
        bytes.append(contentsOf: Self.dayNames[parts.weekday * 3..<parts.weekday * 3 + 3])
        bytes.append(ascii: ", ")
        Self.appendTwoDigits(parts.day, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: Self.monthNames[(parts.month - 1) * 3..<parts.month * 3])
        bytes.append(UInt8(ascii: " "))
        // `year = 4DIGIT`: the format has no room for years outside 0...9999, so clamp rather than mislead.
        let year = Int(min(max(parts.year, 0), 9999))
        Self.appendTwoDigits(year / 100, to: &bytes)
        Self.appendTwoDigits(year % 100, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        Self.appendTwoDigits(parts.hour, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.appendTwoDigits(parts.minute, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Self.appendTwoDigits(parts.second, to: &bytes)
        bytes.append(ascii: " GMT")
    }

    /// The IMF-fixdate text, for tests and logs.
    public var imfFixdate: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let dayNames = Array("SunMonTueWedThuFriSat".utf8)
    private static let monthNames = Array("JanFebMarAprMayJunJulAugSepOctNovDec".utf8)

    private static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Division rounding toward negative infinity, with a remainder in `0..<divisor`.
    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    /// Year, month (1–12) and day (1–31) of a day count from 1970-01-01.
    ///
    /// Counts in 400-year eras of 146,097 days that start on 1 March, so the leap day falls at the end
    /// of each counted year and the month lengths from March on follow `(153 × m + 2) / 5`.
    private static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
        let (era, dayOfEra) = floorDivision(daysSinceEpoch &+ 719_468, 146_097)
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        let year = yearOfEra &+ era &* 400 &+ (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
