import ATMCore
import ATMMoney
import ATMProtocol
import Testing

private func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }

@Suite struct StateCommandTests {
    static let commands: [(StateCommand, String)] = [
        (.ping, "PING\n"), (.help, "HELP\n"), (.list(.all), "LIST\n"), (.quit, "QUIT\n"),
        (.balance(account("1001")), "BALANCE 1001\n"),
        (.deposit(Money(cents: 1050), to: account("1002")), "DEPOSIT 1002 1050\n"),
        (.withdraw(Money(cents: 1), from: account("7")), "WITHDRAW 7 1\n"),
        (.create(account("99"), balance: .zero), "CREATE 99 0\n"),
        (.create(account("99"), balance: .largestBalance), "CREATE 99 9223372036854775807\n"),
        (.deposit(.largestAmount, to: account("1")), "DEPOSIT 1 100000000000000\n"),
        (.transfer(Money(cents: 500), from: account("1001"), to: account("1002")), "TRANSFER 1001 1002 500\n"),
        (.history(account("1001"), limit: 20, before: nil), "HISTORY 1001 20\n"),
        (.history(account("1001"), limit: 100, before: 42), "HISTORY 1001 100 42\n"),
    ]

    @Test(arguments: commands)
    func everyCommandEncodesToItsLineAndBack(command: StateCommand, line: String) throws {
        #expect(String(decoding: StateRequest(command).encoded, as: UTF8.self) == line)
        #expect(try StateRequest(decoding: Array(line.utf8.dropLast())) == StateRequest(command))
    }

    @Test func aTrailingCarriageReturnIsTolerated() throws {
        #expect(try StateRequest(decoding: Array("BALANCE 1001\r".utf8)).command == .balance(account("1001")))
    }

    @Test(
        arguments: [
            ("", ErrorCode.badCommand), ("FOO", .badCommand), ("balance 1001", .badCommand),
            ("PING x", .badArgument),
            ("BALANCE", .badArgument), ("BALANCE abc", .badArgument), ("BALANCE 1001 5", .badArgument),
            ("BALANCE  1001", .badArgument), (" PING", .badArgument), ("PING ", .badArgument),
            ("DEPOSIT 1001", .badArgument),
            ("DEPOSIT 1001 0", .badArgument), ("DEPOSIT 1001 -5", .badArgument), ("DEPOSIT 1001 05", .badArgument),
            ("DEPOSIT 1001 100000000000001", .badArgument), ("WITHDRAW 1001 1.5", .badArgument),
            ("CREATE 1 9223372036854775808", .badArgument), ("CREATE 1 99999999999999999999999", .badArgument),
            ("BALANCE 1001\0", .badCommand), ("BALANCE 1\n2", .badCommand), ("PING\r\r", .badCommand),
            ("BALANCE 123456789012345678901234567890123", .badArgument), ("DEPOSIT 1001 1e3", .badArgument),
            ("TRANSFER 1001 1001 5", .sameAccount), ("TRANSFER 1001 5", .badArgument),
            ("HISTORY 1001 0", .badArgument), ("HISTORY 1001 101", .badArgument), ("HISTORY 1001 5 0", .badArgument),
            ("DEPOSIT 1001 5 deadline=x", .badArgument), ("DEPOSIT 1001 5 deadline=1 deadline=2", .badArgument),
            ("DEPOSIT 1001 5 key=", .badArgument), ("BALANCE 1001 key=abc", .badArgument),
            ("DEPOSIT 1001 5 !colour=red", .badArgument), ("DEPOSIT 1001 5 key=a key=b", .badArgument),
            ("DEPOSIT 1001 5 request=\(String(repeating: "r", count: 129))", .badArgument),
            ("DEPOSIT 1001 5 key=\(String(repeating: "k", count: 256))", .badArgument),
        ] as [(String, ErrorCode)])
    func badLinesAreRefusedWithAStableCode(line: String, code: ErrorCode) {
        do throws(ProtocolError) {
            let request = try StateRequest(decoding: Array(line.utf8))
            Issue.record("accepted \(line.debugDescription) as \(request)")
        } catch {
            #expect(error.code == code)
            #expect(!error.message.isEmpty)
        }
    }
}

@Suite struct StateRequestAttributeTests {
    @Test func attributesTravelInAnyOrderAndComeBackTheSame() throws {
        let key = IdempotencyKey(Array("order-7/\"x\"".utf8)[...])!
        let id = RequestID(Array("req-1".utf8)[...])!
        let request = StateRequest(
            .withdraw(Money(cents: 250), from: account("1001")), deadline: CommandDeadline(milliseconds: 123_456),
            idempotencyKey: key, requestID: id)
        let line = String(decoding: request.encoded, as: UTF8.self)
        #expect(line == "WITHDRAW 1001 250 deadline=123456 key=order-7/\"x\" request=req-1\n")
        #expect(try StateRequest(decoding: request.encoded.dropLast()) == request)
        let reordered = try StateRequest(
            decoding: Array("WITHDRAW 1001 250 request=req-1 key=order-7/\"x\" deadline=123456".utf8))
        #expect(reordered == request)
    }

    @Test func theLongestRequestFitsInOneLine() {
        let request = StateRequest(
            .transfer(
                .largestAmount, from: account(String(repeating: "1", count: 32)),
                to: account(String(repeating: "2", count: 32))),
            deadline: CommandDeadline(milliseconds: .max),
            idempotencyKey: IdempotencyKey(Array(repeating: UInt8(ascii: "k"), count: 255)[...]),
            requestID: RequestID(Array(repeating: UInt8(ascii: "r"), count: 128)[...]))
        #expect(request.encoded.count <= StateRequest.maximumLineLength)
    }

    @Test func theFingerprintIsTheCommandInCentsSoEqualAmountsMatch() throws {
        let a = try StateRequest(decoding: Array("DEPOSIT 1001 100 key=k deadline=5".utf8))
        let b = try StateRequest(decoding: Array("DEPOSIT 1001 100 key=k deadline=9 request=x".utf8))
        #expect(a.command.words == b.command.words)
        #expect(String(decoding: a.command.words, as: UTF8.self) == "DEPOSIT 1001 100")
    }
}

@Suite struct LineReaderTests {
    @Test func framesLinesHoweverTheStreamIsSplit() throws {
        let stream = Array("PING\nBALANCE 1001\r\nLIST\n".utf8)
        for split in 0...stream.count {
            var reader = LineReader(maximumLength: 64)
            var lines: [String] = []
            for part in [Array(stream[..<split]), Array(stream[split...])] {
                reader.append(part)
                while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
            }
            #expect(lines == ["PING", "BALANCE 1001\r", "LIST"])
            #expect(!reader.hasPartialLine)
        }
    }

    @Test func aLineAtTheLimitIsReadAndOnePastItIsRefused() throws {
        var reader = LineReader(maximumLength: 8)
        reader.append(Array("1234567\n".utf8))
        #expect(try reader.nextLine() == Array("1234567".utf8))
        reader.append(Array("12345678".utf8))
        #expect(throws: LineReader.LineTooLong.self) { try reader.nextLine() }
        var late = LineReader(maximumLength: 8)
        late.append(Array("12345678\n".utf8))
        #expect(throws: LineReader.LineTooLong.self) { try late.nextLine() }
    }
}

@Suite struct StateReplyTests {
    @Test(arguments: [
        (StateReply.pong, StateCommand.ping, "OK PONG\n"),
        (.bye, .quit, "OK BYE\n"),
        (.balance(account("1001"), Money(cents: 100_000)), .balance(account("1001")), "OK 1001 100000\n"),
        (.balance(account("5"), .zero), .withdraw(Money(cents: 5), from: account("5")), "OK 5 0\n"),
        (.accounts([]), .list(.all), "OK 0\n"),
        (.accounts([account("1001"), account("1002")]), .list(.all), "OK 2 1001 1002\n"),
        (
            .error(ProtocolError(.notFound, "account not found")), .balance(account("9")),
            "ERR not-found account not found\n"
        ),
        (
            .replayed(.balance(account("5"), Money(cents: 7))), .deposit(Money(cents: 7), to: account("5")),
            "REPLAY OK 5 7\n"
        ),
        (
            .replayed(.error(ProtocolError(.insufficientFunds, "insufficient funds"))),
            .withdraw(Money(cents: 7), from: account("5")), "REPLAY ERR insufficient-funds insufficient funds\n"
        ),
        (
            .balance(account("1001"), Money(cents: 5)),
            .transfer(Money(cents: 1), from: account("1001"), to: account("2")), "OK 1001 5\n"
        ),
        (
            .history(
                account("1001"),
                [
                    HistoryEntry(
                        id: 9, timeMilliseconds: 1_700_000_000_123, kind: .transferOut, amount: Money(cents: 5),
                        balance: Money(cents: 95), counterparty: account("2")),
                    HistoryEntry(
                        id: 3, timeMilliseconds: 1_700_000_000_000, kind: .deposit, amount: Money(cents: 100),
                        balance: Money(cents: 100)),
                ]),
            .history(account("1001"), limit: 2, before: nil),
            "OK 1001 2 9:1700000000123:transfer_out:5:95:2 3:1700000000000:deposit:100:100\n"
        ),
    ])
    func everyReplyEncodesToItsLineAndBack(reply: StateReply, command: StateCommand, line: String) throws {
        #expect(String(decoding: reply.encoded, as: UTF8.self) == line)
        #expect(try StateReply(decoding: Array(line.utf8.dropLast()), answering: command) == reply)
    }

    @Test func everyErrorCodeTravels() throws {
        for code in ErrorCode.allCases {
            let reply = StateReply.error(ProtocolError(code, "some words here"))
            #expect(try StateReply(decoding: reply.encoded.dropLast(), answering: .ping) == reply)
        }
    }

    @Test func aListCountTheLineCannotHoldIsRefusedBeforeAnythingIsAllocated() {
        // Found by the fuzzer: the count sized an allocation (16 GB for this line) before it was checked.
        for line in ["OK 1033333333 103333333333", "OK 2147483647 1", "OK 9223372036854775807"] {
            #expect(throws: ProtocolError.self) { try StateReply(decoding: Array(line.utf8), answering: .list(.all)) }
        }
    }

    @Test func aReplyForAnotherAccountIsRefused() {
        #expect(throws: ProtocolError.self) {
            try StateReply(decoding: Array("OK 1002 100".utf8), answering: .balance(account("1001")))
        }
        #expect(throws: ProtocolError.self) {
            try StateReply(
                decoding: Array("REPLAY OK 1002 100".utf8), answering: .deposit(Money(cents: 1), to: account("1001")))
        }
        #expect(throws: ProtocolError.self) {
            try StateReply(decoding: Array("REPLAY OK PONG".utf8), answering: .ping)
        }
    }

    @Test(arguments: ["", "OK", "OK 1001", "OK 1001 x", "ERR nope message", "HELLO", "OK 3 1 2", "OK 1 1 2"])
    func malformedRepliesAreRefused(line: String) {
        let command: StateCommand =
            line.hasPrefix("OK 3") || line.hasPrefix("OK 1 1") ? .list(.all) : .balance(account("1001"))
        #expect(throws: ProtocolError.self) { try StateReply(decoding: Array(line.utf8), answering: command) }
    }
}
