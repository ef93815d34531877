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

    /// Appends `day-name "," SP date1 SP time-of-day SP GMT` (RFC 9110 §5.6.7): always 29 bytes.
    ///
    /// Written into a fixed scratch buffer and appended once, since every response pays for it.
    public func append<Sink: ByteSink & ~Copyable>(to bytes: inout Sink) {
        let parts = components
        // `year = 4DIGIT`: the format has no room for years outside 0...9999, so clamp rather than mislead.
        let year = Int(min(max(parts.year, 0), 9999))
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { text in
            func put(_ literal: StaticString, at offset: Int) {
                for index in 0..<literal.utf8CodeUnitCount { text[offset + index] = literal.utf8Start[index] }
            }
            func put(twoDigits value: Int, at offset: Int) {
                text[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
                text[offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
            }
            put(Self.dayName(parts.weekday), at: 0)
            put(", ", at: 3)
            put(twoDigits: parts.day, at: 5)
            text[7] = UInt8(ascii: " ")
            put(Self.monthName(parts.month), at: 8)
            text[11] = UInt8(ascii: " ")
            put(twoDigits: year / 100, at: 12)
            put(twoDigits: year % 100, at: 14)
            text[16] = UInt8(ascii: " ")
            put(twoDigits: parts.hour, at: 17)
            text[19] = UInt8(ascii: ":")
            put(twoDigits: parts.minute, at: 20)
            text[22] = UInt8(ascii: ":")
            put(twoDigits: parts.second, at: 23)
            put(" GMT", at: 25)
            bytes.append(raw: UnsafeRawBufferPointer(rebasing: text[0..<29]))
        }
    }

    /// The IMF-fixdate text, for tests and logs.
    public var imfFixdate: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `day-name`, weekday 0 being Sunday; literals, so formatting allocates nothing but the output.
    private static func dayName(_ weekday: Int) -> StaticString {
        switch weekday {
        case 0: return "Sun"
        case 1: return "Mon"
        case 2: return "Tue"
        case 3: return "Wed"
        case 4: return "Thu"
        case 5: return "Fri"
        default: return "Sat"
        }
    }

    /// `month`, 1 being January.
    private static func monthName(_ month: Int) -> StaticString {
        switch month {
        case 1: return "Jan"
        case 2: return "Feb"
        case 3: return "Mar"
        case 4: return "Apr"
        case 5: return "May"
        case 6: return "Jun"
        case 7: return "Jul"
        case 8: return "Aug"
        case 9: return "Sep"
        case 10: return "Oct"
        case 11: return "Nov"
        default: return "Dec"
        }
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
    /// Public so that every calendar date the service writes (the `Date` field, history timestamps) comes
    /// from this one conversion.
    public static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int, day: Int) {
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
