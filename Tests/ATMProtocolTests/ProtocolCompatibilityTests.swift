import ATMCore
import ATMMoney
import ATMProtocol
import Testing

private func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }

private func decode(_ line: String, receivedAt: Int64? = nil) throws(ProtocolError) -> StateRequest {
    try StateRequest(decoding: Array(line.utf8), receivedAt: receivedAt)
}

/// What a reader of version 2 accepts from a writer of version 1 or of a later version: unknown
/// optional attributes ignored, required and malformed ones refused, `budget=` counted from receipt.
@Suite struct AttributeCompatibilityTests {
    /// Lines exactly as the handler of commit 22bd11c writes them (StateRequest.write with a deadline,
    /// then identity and address; METRICS bare for a loopback scrape).
    static let originalLines: [(String, StateRequest)] = {
        var deposit = StateRequest(
            .deposit(Money(cents: 250), to: account("1001")), deadline: CommandDeadline(milliseconds: 86_400_000),
            idempotencyKey: IdempotencyKey(Array("order-17".utf8)[...]), requestID: RequestID(Array("r-1".utf8)[...]))
        deposit.identity = ClientSubject("CN=terminal-0042, O=ATM network")
        deposit.address = ClientAddress(Array("192.0.2.7".utf8)[...])
        var balance = StateRequest(
            .balance(account("1001")), deadline: CommandDeadline(milliseconds: 5_000),
            requestID: RequestID(Array("0123456789abcdef0123456789abcdef".utf8)[...]))
        balance.address = ClientAddress(Array("127.0.0.1".utf8)[...])
        return [
            (
                "DEPOSIT 1001 250 deadline=86400000 key=order-17 request=r-1 "
                    + "identity=CN=terminal-0042,%20O=ATM%20network address=192.0.2.7", deposit
            ),
            ("BALANCE 1001 deadline=5000 request=0123456789abcdef0123456789abcdef address=127.0.0.1", balance),
        ]
    }()

    @Test func linesOfTheOriginalHandlerDecodeAsBefore() throws {
        for (line, request) in Self.originalLines {
            #expect(try decode(line) == request)
            #expect(try decode(line, receivedAt: 1) == request, "a receipt time changes nothing without a budget")
            #expect(String(decoding: request.encoded.dropLast(), as: UTF8.self) == line, "version 1's form is kept")
        }
    }

    @Test(arguments: [
        "BALANCE 1001 colour=blue", "BALANCE 1001 priority=7 deadline=5", "BALANCE 1001 trace-id=a=b",
        "BALANCE 1001 x2=", "BALANCE 1001 colour=blue colour=red",
    ])
    func anUnknownOptionalAttributeIsIgnored(line: String) throws {
        let request = try decode(line)
        #expect(request.command == .balance(account("1001")))
        #expect(request.deadline == (line.contains("deadline=5") ? CommandDeadline(milliseconds: 5) : nil))
    }

    @Test(arguments: [
        "BALANCE 1001 !colour=blue", "BALANCE 1001 Colour=blue", "BALANCE 1001 =blue", "BALANCE 1001 9lives=1",
        "BALANCE 1001 a_b=1", "BALANCE 1001 !=1", "BALANCE 1001 deadline=soon", "BALANCE 1001 budget=",
        "BALANCE 1001 budget=-5", "BALANCE 1001 budget=05", "BALANCE 1001 budget=2147483648",
        "BALANCE 1001 budget=1 budget=2", "BALANCE 1001 key=k", "BALANCE 1001 identity=%zz", "BALANCE 1001 extra",
    ])
    func aRequiredUnknownOrMalformedAttributeIsRefused(line: String) {
        #expect(throws: ProtocolError(.badArgument, "")) {
            do throws(ProtocolError) {
                _ = try decode(line, receivedAt: 1_000)
            } catch {
                throw ProtocolError(error.code, "")
            }
        }
    }

    @Test func aBudgetBecomesAMomentOfTheDaemonsClockWhenTheLineIsRead() throws {
        let request = try decode("DEPOSIT 1001 5 budget=250 key=k", receivedAt: 1_000)
        #expect(request.deadline == CommandDeadline(milliseconds: 1_250))
        #expect(try decode("BALANCE 1001 budget=0", receivedAt: 7).deadline == CommandDeadline(milliseconds: 7))
        let late = try decode("BALANCE 1001 budget=2147483647", receivedAt: .max - 1)
        #expect(late.deadline == CommandDeadline(milliseconds: .max), "clamped, not wrapped into the past")
    }

    @Test func withBothABudgetAndADeadlineTheEarlierHolds() throws {
        #expect(
            try decode("BALANCE 1001 deadline=1100 budget=250", receivedAt: 1_000).deadline
                == CommandDeadline(milliseconds: 1_100))
        #expect(
            try decode("BALANCE 1001 budget=250 deadline=9000", receivedAt: 1_000).deadline
                == CommandDeadline(milliseconds: 1_250))
    }

    @Test func aBudgetWithoutAReceiptTimeIsRefused() {
        #expect(throws: ProtocolError.self) { try decode("BALANCE 1001 budget=250") }
    }

    @Test func theBudgetFormReplacesTheDeadlineAndKeepsTheRest() throws {
        var request = StateRequest(
            .withdraw(Money(cents: 5), from: account("1001")), deadline: CommandDeadline(milliseconds: 99),
            idempotencyKey: IdempotencyKey(Array("k".utf8)[...]), requestID: RequestID(Array("r".utf8)[...]))
        request.address = ClientAddress(Array("::1".utf8)[...])
        var line: [UInt8] = []
        request.write(to: &line, budgetMilliseconds: 1_000)
        #expect(String(decoding: line, as: UTF8.self) == "WITHDRAW 1001 5 budget=1000 key=k request=r address=::1\n")
        var decoded = try decode(String(decoding: line.dropLast(), as: UTF8.self), receivedAt: 5)
        #expect(decoded.deadline == CommandDeadline(milliseconds: 1_005))
        decoded.deadline = request.deadline
        #expect(decoded == request)
    }

    @Test func metricsAndReportIgnoreUnknownOptionalAttributes() throws {
        let address = ClientAddress(Array("192.0.2.9".utf8)[...])
        #expect(
            try MetricsCommand(decoding: Array("METRICS address=192.0.2.9 scope=all deadline=5".utf8)[...])
                == .metrics(address: address))
        #expect(
            try MetricsCommand(decoding: Array("REPORT balance 200 took=3".utf8)[...]) == .report(.balance, status: 200)
        )
        #expect(throws: ProtocolError.self) { try MetricsCommand(decoding: Array("REPORT balance 200 !x=1".utf8)[...]) }
        #expect(throws: ProtocolError.self) { try MetricsCommand(decoding: Array("METRICS !scope=all".utf8)[...]) }
    }

    @Test func aReplyLosesOnlyItsTrailingAttributes() {
        func removed(_ line: String) -> String {
            String(decoding: ReplyAttributes.removed(from: Array(line.utf8)[...]), as: UTF8.self)
        }
        #expect(removed("OK 1001 100") == "OK 1001 100")
        #expect(removed("OK 1001 100 served-by=b seq=7") == "OK 1001 100")
        #expect(removed("REPLAY OK 1001 100 seq=7") == "REPLAY OK 1001 100")
        #expect(removed("OK 1001 2 3:1:deposit:5:5 2:1:deposit:5:0 x=y") == "OK 1001 2 3:1:deposit:5:5 2:1:deposit:5:0")
        #expect(removed("ERR bad-argument key= takes one key") == "ERR bad-argument key= takes one key")
    }
}

/// `HELLO`: what each side sends and how it reads the other's answer.
@Suite struct ProtocolHelloTests {
    private func hello(_ line: String) throws(ProtocolError) -> ProtocolHello? {
        try ProtocolHello(decoding: Array(line.utf8)[...])
    }

    @Test func aHelloIsAnsweredWithTheLowerOfTheTwoVersions() throws {
        var line: [UInt8] = []
        ProtocolHello().write(to: &line)
        #expect(String(decoding: line, as: UTF8.self) == "HELLO 2\n")
        let asked = try #require(try hello("HELLO 2"))
        #expect(String(decoding: asked.answer(), as: UTF8.self) == "OK HELLO 2\n")
        let newer = try #require(try hello("HELLO 7 wants=more"))
        #expect(newer.version.number == 7)
        #expect(String(decoding: newer.answer(), as: UTF8.self) == "OK HELLO 2\n", "a newer client gets ours")
        let older = try #require(try hello("HELLO 1"))
        #expect(String(decoding: older.answer(), as: UTF8.self) == "OK HELLO 1\n")
    }

    @Test(arguments: ["HELLO", "HELLO 0", "HELLO x", "HELLO 2 3", "HELLO 02", "HELLO 2 !must=1", "HELLO 1000001"])
    func aMalformedHelloIsRefused(line: String) {
        #expect(throws: ProtocolError.self) { try hello(line) }
    }

    @Test func otherCommandsAreNotHello() throws {
        #expect(try hello("BALANCE 1001") == nil)
        #expect(try hello("HELLOS 2") == nil)
    }

    @Test(arguments: [
        ("OK HELLO 2", ProtocolHello.Answer.agreed(.budgets)), ("OK HELLO 2 shard=b", .agreed(.budgets)),
        ("ERR bad-command unknown command; try HELP", .predatesHello), ("OK HELLO 1", .unexpected),
        ("OK HELLO 3", .unexpected), ("OK HELLO", .unexpected), ("OK HELLO 2 extra", .unexpected),
        ("OK 1001 5", .unexpected), ("ERR bad-argument HELLO takes", .unexpected), ("", .unexpected),
    ])
    func theHandlerReadsTheAnswer(line: String, answer: ProtocolHello.Answer) {
        #expect(ProtocolHello.answer(decoding: Array(line.utf8)[...]) == answer)
    }
}
