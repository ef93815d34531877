import Foundation
import HTTP1
import Testing

@Suite struct HTTPDateTests {
    @Test(
        arguments: [
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (4_107_456_000, "Sun, 28 Feb 2100 00:00:00 GMT"),
            (4_107_542_400, "Mon, 01 Mar 2100 00:00:00 GMT"),
            (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
        ] as [(Int64, String)])
    func formatsIMFFixdate(seconds: Int64, expected: String) {
        #expect(HTTPDate(secondsSinceEpoch: seconds).imfFixdate == expected)
    }

    /// Every day from 1900 to 2200 at a time of day that moves, against Foundation's formatter.
    @Test func agreesWithFoundationAcrossThreeCenturies() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        var mismatches = 0
        var seconds: Int64 = -2_208_988_800
        while seconds < 7_258_118_400 {
            let expected = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            if HTTPDate(secondsSinceEpoch: seconds).imfFixdate != expected {
                mismatches += 1
                Issue.record("\(seconds): \(HTTPDate(secondsSinceEpoch: seconds).imfFixdate) != \(expected)")
                if mismatches > 5 { return }
            }
            seconds += 86_400 + 3_607
        }
    }

    @Test func yearsOutsideTheFormatAreClampedNotGarbled() {
        #expect(HTTPDate(secondsSinceEpoch: 253_402_300_800).imfFixdate.contains(" 9999 "))
        #expect(HTTPDate(secondsSinceEpoch: .max).imfFixdate.hasSuffix(" GMT"))
        #expect(HTTPDate(secondsSinceEpoch: .min).imfFixdate.hasSuffix(" GMT"))
    }
}
