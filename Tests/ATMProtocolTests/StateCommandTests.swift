import ATMMoney
import ATMProtocol
import Testing

private func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }

@Suite struct StateCommandTests {
    static let commands: [(StateCommand, String)] = [
        (.ping, "PING\n"), (.help, "HELP\n"), (.list, "LIST\n"), (.quit, "QUIT\n"),
        (.balance(account("1001")), "BALANCE 1001\n"),
        (.deposit(Money(cents: 1050), to: account("1002")), "DEPOSIT 1002 1050\n"),
        (.withdraw(Money(cents: 1), from: account("7")), "WITHDRAW 7 1\n"),
        (.create(account("99"), balance: .zero), "CREATE 99 0\n"),
        (.create(account("99"), balance: .largestBalance), "CREATE 99 9223372036854775807\n"),
        (.deposit(.largestAmount, to: account("1")), "DEPOSIT 1 100000000000000\n"),
    ]

    @Test(arguments: commands)
    func everyCommandEncodesToItsLineAndBack(command: StateCommand, line: String) throws {
        #expect(String(decoding: command.encoded, as: UTF8.self) == line)
        #expect(try StateCommand(decoding: Array(line.utf8.dropLast())) == command)
    }

    @Test func aTrailingCarriageReturnIsTolerated() throws {
        #expect(try StateCommand(decoding: Array("BALANCE 1001\r".utf8)) == .balance(account("1001")))
    }

    @Test(
        arguments: [
            ("", StateErrorCode.badCommand), ("FOO", .badCommand), ("balance 1001", .badCommand),
            ("PING x", .badArgument),
            ("BALANCE", .badArgument), ("BALANCE abc", .badArgument), ("BALANCE 1001 5", .badArgument),
            ("BALANCE  1001", .badArgument), (" PING", .badArgument), ("PING ", .badArgument),
            ("DEPOSIT 1001", .badArgument),
            ("DEPOSIT 1001 0", .badArgument), ("DEPOSIT 1001 -5", .badArgument), ("DEPOSIT 1001 05", .badArgument),
            ("DEPOSIT 1001 100000000000001", .badArgument), ("WITHDRAW 1001 1.5", .badArgument),
            ("CREATE 1 9223372036854775808", .badArgument), ("CREATE 1 99999999999999999999999", .badArgument),
            ("BALANCE 1001\0", .badCommand), ("BALANCE 1\n2", .badCommand), ("PING\r\r", .badCommand),
            ("BALANCE 123456789012345678901234567890123", .badArgument), ("DEPOSIT 1001 1e3", .badArgument),
        ] as [(String, StateErrorCode)])
    func badLinesAreRefusedWithAStableCode(line: String, code: StateErrorCode) {
        do {
            let command = try StateCommand(decoding: Array(line.utf8))
            Issue.record("accepted \(line.debugDescription) as \(command)")
        } catch {
            #expect(error.code == code)
            #expect(!error.message.isEmpty)
        }
    }
}

@Suite struct StateReplyTests {
    @Test(arguments: [
        (StateReply.pong, StateCommand.ping, "OK PONG\n"),
        (.bye, .quit, "OK BYE\n"),
        (.balance(account("1001"), Money(cents: 100_000)), .balance(account("1001")), "OK 1001 100000\n"),
        (.balance(account("5"), .zero), .withdraw(Money(cents: 5), from: account("5")), "OK 5 0\n"),
        (.accounts([]), .list, "OK 0\n"),
        (.accounts([account("1001"), account("1002")]), .list, "OK 2 1001 1002\n"),
        (
            .error(ProtocolError(.notFound, "account not found")), .balance(account("9")),
            "ERR not-found account not found\n"
        ),
    ])
    func everyReplyEncodesToItsLineAndBack(reply: StateReply, command: StateCommand, line: String) throws {
        #expect(String(decoding: reply.encoded, as: UTF8.self) == line)
        #expect(try StateReply(decoding: Array(line.utf8.dropLast()), answering: command) == reply)
    }

    @Test func everyErrorCodeTravels() throws {
        for code in StateErrorCode.allCases {
            let reply = StateReply.error(ProtocolError(code, "some words here"))
            #expect(try StateReply(decoding: reply.encoded.dropLast(), answering: .ping) == reply)
        }
    }

    @Test func aListCountTheLineCannotHoldIsRefusedBeforeAnythingIsAllocated() {
        // Found by the fuzzer: the count sized an allocation (16 GB for this line) before it was checked.
        for line in ["OK 1033333333 103333333333", "OK 2147483647 1", "OK 9223372036854775807"] {
            #expect(throws: ProtocolError.self) { try StateReply(decoding: Array(line.utf8), answering: .list) }
        }
    }

    @Test(arguments: ["", "OK", "OK 1001", "OK 1001 x", "ERR nope message", "HELLO", "OK 3 1 2", "OK 1 1 2"])
    func malformedRepliesAreRefused(line: String) {
        let command: StateCommand =
            line.hasPrefix("OK 3") || line.hasPrefix("OK 1 1") ? .list : .balance(account("1001"))
        #expect(throws: ProtocolError.self) { try StateReply(decoding: Array(line.utf8), answering: command) }
    }
}
