import ATMMoney
import Testing

@Suite struct AccountNumberTests {
    @Test func acceptsOneToThirtyTwoDigits() {
        #expect(AccountNumber(Array("1".utf8)) != nil)
        #expect(AccountNumber(Array(String(repeating: "9", count: 32).utf8)) != nil)
    }

    @Test(arguments: ["", "12a", " 1", "1 ", "%31", "1\n", "١", String(repeating: "1", count: 33), "-1", "+1"])
    func refusesEverythingElse(text: String) {
        #expect(AccountNumber(Array(text.utf8)) == nil)
    }

    @Test func sortsInByteOrderLikePython() {
        let numbers = ["2", "10", "1001", "1"].compactMap { AccountNumber(Array($0.utf8)) }
        #expect(numbers.sorted().map(\.digits) == ["1", "10", "1001", "2"])
    }
}
