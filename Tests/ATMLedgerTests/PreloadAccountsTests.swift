import ATMLedger
import ATMMoney
import Testing

@Suite struct PreloadAccountsTests {
    private func parse(_ text: String) throws(PreloadAccounts.Failure) -> [(AccountNumber, Money)] {
        try PreloadAccounts.parse(Array(text.utf8))
    }

    @Test func acceptsZeroAndKeepsOrder() throws {
        let accounts = try parse(#"{"1001":"1000.00","7777":"0.00","5":"0.5"}"#)
        #expect(accounts.map(\.0.digits) == ["1001", "7777", "5"])
        #expect(accounts.map(\.1.cents) == [100_000, 0, 50])
    }

    @Test func anEmptyObjectMeansNoAccounts() throws {
        #expect(try parse("{}").isEmpty)
    }

    @Test func demoAccountsIncludeTheSeedOnes() {
        let demo = Dictionary(uniqueKeysWithValues: PreloadAccounts.demo.map { ($0.0.digits, $0.1.cents) })
        #expect(demo["1001"] == 100_000)
        #expect(demo["1002"] == 25_050)
        #expect(demo.count >= 3)
    }

    @Test(arguments: [
        ("{", "not valid JSON"), ("[]", "must be a JSON object"), (#"{"abc":"1.00"}"#, #"account number "abc""#),
        (#"{"1":"1.00","1":"2.00"}"#, #"account "1" appears more than once"#), (#"{"1":1.5}"#, "must be a string"),
        (#"{"1":"-1.00"}"#, #"balance "-1.00" of account "1""#), (#"{"1":"1.005"}"#, #"balance "1.005""#),
        (#"{"":"1.00"}"#, #"account number """#),
        (#"{"123456789012345678901234567890123":"1"}"#, "1 to 32 ASCII digits"),
        (#"{"1":"92233720368547758.08"}"#, "from 0.00 to 92233720368547758.07"),
        (#"{"1":{"a":"b"}}"#, "must be a string, not an object"),
    ])
    func refusalsNameTheOffendingKeyOrValue(text: String, expected: String) {
        do {
            _ = try parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix("PRELOAD_ACCOUNTS"))
        }
    }
}
