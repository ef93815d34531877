import ATMMoney
import Testing

@Suite struct MoneyParsingTests {
    @Test(
        arguments: [
            ("10", 1000), ("10.5", 1050), ("10.50", 1050), ("0.01", 1), ("1000000000000.00", 100_000_000_000_000),
            ("1000000000000", 100_000_000_000_000), ("007.10", 710), ("999999999999.99", 99_999_999_999_999),
        ] as [(String, Int64)])
    func contractExamplesAreAcceptedExactly(text: String, cents: Int64) throws {
        #expect(try Money(amount: Array(text.utf8)) == Money(cents: cents))
    }

    @Test(
        arguments: [
            ("", MoneyError.empty), (" 10", .invalidCharacter), ("10 ", .invalidCharacter), ("+5", .invalidCharacter),
            ("-5", .invalidCharacter), ("1e2", .invalidCharacter), ("NaN", .invalidCharacter),
            ("10.", .missingFractionDigits),
            (".5", .missingWholeDigits), ("10.505", .tooManyFractionDigits), ("0", .notPositive),
            ("0.00", .notPositive),
            ("1000000000000.01", .tooLarge), ("99999999999999", .tooLarge), ("12345678901234567", .tooLong),
            ("1.2.3", .invalidCharacter), ("١٢", .invalidCharacter), ("１０", .invalidCharacter),
            ("10,50", .invalidCharacter),
            ("0x10", .invalidCharacter), ("Infinity", .invalidCharacter), (".", .missingWholeDigits),
        ] as [(String, MoneyError)])
    func contractCounterExamplesAreRefusedWithTheirReason(text: String, reason: MoneyError) {
        #expect(throws: reason) { try Money(amount: Array(text.utf8)) }
    }

    @Test func balancesAllowZeroAndTheWholeInt64Range() throws {
        #expect(try Money(balance: Array("0.00".utf8)) == .zero)
        #expect(try Money(balance: Array("92233720368547758.07".utf8)) == .largestBalance)
        #expect(throws: MoneyError.tooLarge) { try Money(balance: Array("92233720368547758.08".utf8)) }
        #expect(throws: MoneyError.tooLarge) { try Money(balance: Array("99999999999999999999".utf8)) }
        #expect(throws: MoneyError.invalidCharacter) { try Money(balance: Array("-1.00".utf8)) }
    }
}

@Suite struct MoneyFormattingTests {
    @Test(
        arguments: [
            (0, "0.00"), (1, "0.01"), (10, "0.10"), (100, "1.00"), (26100, "261.00"), (100_000, "1000.00"),
            (-5, "-0.05"), (Int64.max, "92233720368547758.07"), (Int64.min, "-92233720368547758.08"),
        ] as [(Int64, String)])
    func formatsWithExactlyTwoDecimals(cents: Int64, text: String) {
        #expect(Money(cents: cents).description == text)
    }

    @Test func parsingWhatWasFormattedGivesTheSameAmount() throws {
        for cents: Int64 in [1, 9, 10, 99, 100, 101, 123_456_789, 100_000_000_000_000] {
            let money = Money(cents: cents)
            #expect(try Money(amount: money.formattedBytes) == money)
        }
    }
}

@Suite struct MoneyArithmeticTests {
    @Test func additionReportsOverflowAtTheTopEdge() {
        #expect(Money.largestBalance.adding(Money(cents: 1)) == nil)
        #expect(Money(cents: Int64.max - 1).adding(Money(cents: 1)) == .largestBalance)
    }

    @Test func subtractionReportsOverflowAtTheBottomEdge() {
        #expect(Money(cents: Int64.min).subtracting(Money(cents: 1)) == nil)
        #expect(Money(cents: 5).subtracting(Money(cents: 5)) == .zero)
    }
}
