import ATMAPI
import Testing

@Suite struct HistoryQueryTests {
    private func parse(_ query: String?) -> Result<HistoryQuery, APIError> {
        do {
            return .success(try HistoryQuery(parsing: query.map { Array($0.utf8) }))
        } catch {
            return .failure(error)
        }
    }

    @Test func defaultsToTwentyNewest() {
        #expect(parse(nil) == .success(HistoryQuery(limit: 20, before: nil)))
        #expect(parse("") == .success(HistoryQuery(limit: 20, before: nil)))
    }

    @Test func readsLimitAndBefore() {
        #expect(parse("limit=5&before=42") == .success(HistoryQuery(limit: 5, before: 42)))
        #expect(
            parse("before=9223372036854775807&limit=100")
                == .success(HistoryQuery(limit: 100, before: UInt64(Int64.max))))
        #expect(parse("limit=1") == .success(HistoryQuery(limit: 1)))
    }

    @Test func decodesPercentEscapesAndIgnoresOtherParameters() {
        #expect(parse("%6cimit=%31%30") == .success(HistoryQuery(limit: 10)))
        #expect(parse("page=2&&limit=3&x&y=%20") == .success(HistoryQuery(limit: 3)))
    }

    @Test(arguments: [
        "limit=0", "limit=101", "limit=", "limit", "limit=1.5", "limit=-1", "limit=+5", "limit=%2B5",
        "limit=99999999999999999999999", "before=0", "before=", "before", "before=-3", "before=9223372036854775808",
        "before=abc", "limit=5&limit=5", "before=1&before=2", "limit=1%2", "limit=%zz", "x=%",
    ])
    func refusesABadValueAnywhere(query: String) {
        guard case .failure(let error) = parse(query) else {
            Issue.record("accepted \(query)")
            return
        }
        #expect(error.status.code == 400)
    }
}

@Suite struct UTCTimestampTests {
    @Test func writesRFC3339WithMilliseconds() {
        #expect(UTCTimestamp.text(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(UTCTimestamp.text(milliseconds: 1_795_687_200_123) == "2026-11-26T10:00:00.123Z")
        #expect(UTCTimestamp.text(milliseconds: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(UTCTimestamp.text(milliseconds: 4_107_542_399_999) == "2100-02-28T23:59:59.999Z")
        #expect(UTCTimestamp.text(milliseconds: 253_402_300_799_999) == "9999-12-31T23:59:59.999Z")
    }
}
