import ATMCore
import ATMMoney
import ATMProtocol
import Testing

private func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }

/// LIST's `after=` and `limit=`, and READY, on the wire (docs/protocol.md).
@Suite struct ListPagingProtocolTests {
    @Test(arguments: [
        (StateCommand.list(AccountPage(limit: 10_001)), "LIST limit=10001\n"),
        (.list(AccountPage(after: account("1001"), limit: 3)), "LIST after=1001 limit=3\n"),
        (.list(AccountPage(after: account("0042"))), "LIST after=0042\n"),
        (.ready, "READY\n"),
    ])
    func pagesAndReadyEncodeToTheirLineAndBack(command: StateCommand, line: String) throws {
        #expect(String(decoding: StateRequest(command).encoded, as: UTF8.self) == line)
        #expect(try StateRequest(decoding: Array(line.utf8.dropLast())) == StateRequest(command))
    }

    @Test func pagingAttributesComeInAnyOrderAmongTheOthers() throws {
        let request = try StateRequest(decoding: Array("LIST limit=2 request=r1 after=7".utf8))
        #expect(request.command == .list(AccountPage(after: account("7"), limit: 2)))
        #expect(request.requestID?.text == "r1")
    }

    @Test(arguments: [
        "LIST limit=0", "LIST limit=1000001", "LIST limit=", "LIST limit=x", "LIST limit=1 limit=1",
        "LIST after=", "LIST after=12a", "LIST after=123456789012345678901234567890123", "LIST after=1 after=2",
        "BALANCE 1001 after=1", "HISTORY 1001 5 limit=3",
    ])
    func malformedOrMisplacedPagingIsRefused(line: String) {
        let error = #expect(throws: ProtocolError.self) { try StateRequest(decoding: Array(line.utf8)) }
        #expect(error?.code == .badArgument)
    }

    @Test func theLargestPageIsAMillion() throws {
        let request = try StateRequest(decoding: Array("LIST limit=1000000".utf8))
        #expect(request.command == .list(AccountPage(limit: AccountPage.maximumLimit)))
    }

    @Test func readyRepliesReadBack() throws {
        #expect(try StateReply(decoding: Array("OK READY".utf8), answering: .ready) == .ready)
        #expect(StateReply.ready.encoded == Array("OK READY\n".utf8))
        let refusal = try StateReply(
            decoding: Array("ERR unavailable not ready: the database is unreachable".utf8), answering: .ready)
        #expect(refusal == .error(ProtocolError(.unavailable, "not ready: the database is unreachable")))
        #expect(throws: ProtocolError.self) { try StateReply(decoding: Array("OK PONG".utf8), answering: .ready) }
    }

    @Test func aPageReplyLongerThanItsLimitIsRefused() throws {
        let page = StateCommand.list(AccountPage(limit: 2))
        #expect(
            try StateReply(decoding: Array("OK 2 1 2".utf8), answering: page)
                == .accounts([account("1"), account("2")]))
        #expect(throws: ProtocolError.self) { try StateReply(decoding: Array("OK 3 1 2 3".utf8), answering: page) }
    }

    @Test func helpNamesReadyAndTheListAttributes() {
        let help = String(decoding: StateReply.help.encoded, as: UTF8.self)
        #expect(help.contains("READY"))
        #expect(help.contains("LIST [after=<account>] [limit=<n>]"))
    }
}
