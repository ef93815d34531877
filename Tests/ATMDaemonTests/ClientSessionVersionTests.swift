import ATMSystem
import Testing

@testable import ATMDaemon

/// One session of the daemon against lines of both versions: exactly what the handler of commit 22bd11c
/// writes, and version 2's HELLO, budgets and attributes it does not know.
@Suite struct ClientSessionVersionTests {
    typealias Session = ClientSessionTests.Session

    /// A `deadline=` a minute from now, as the handler of 22bd11c computes it (its CLOCK_MONOTONIC, in ms).
    private static var inAMinute: Int64 { Deadline.after(milliseconds: 60_000).nanoseconds / 1_000_000 }

    @Test func linesOfTheOriginalHandlerAreAnsweredAsBefore() throws {
        let session = try Session()
        let deadline = Self.inAMinute
        #expect(
            session.ask("BALANCE 1001 deadline=\(deadline) request=0123456789abcdef0123456789abcdef address=127.0.0.1")
                == "OK 1001 1000")
        let deposit =
            "DEPOSIT 1001 250 deadline=\(deadline) key=order-17 request=r-1 "
            + "identity=CN=terminal-0042,%20O=ATM%20network address=192.0.2.7"
        #expect(session.ask(deposit) == "OK 1001 1250")
        #expect(session.ask(deposit) == "REPLAY OK 1001 1250")
        #expect(session.ask("TRANSFER 1001 1002 50 deadline=\(deadline) request=r-2 address=::1") == "OK 1001 1200")
        #expect(session.ask("WITHDRAW 1001 1 deadline=1 request=r-3")?.hasPrefix("ERR expired ") == true)
        session.send("REPORT balance 200\n")
        #expect(session.ask("PING") == "OK PONG", "REPORT is still never answered")
        #expect(session.ask("BALANCE 1001 deadline=\(deadline) colour=blue") == "OK 1001 1200")
    }

    @Test func helloIsAnsweredWithTheVersionBothSpeak() throws {
        let session = try Session()
        #expect(session.ask("HELLO 2") == "OK HELLO 2")
        #expect(session.ask("HELLO 40 wants=more") == "OK HELLO 2")
        #expect(session.ask("HELLO 1") == "OK HELLO 1")
        #expect(session.ask("HELLO")?.hasPrefix("ERR bad-argument ") == true)
        #expect(session.ask("BALANCE 1001") == "OK 1001 1000", "HELLO changes nothing else")
    }

    @Test func theFirstCommandAndHelloInOneWriteAreAnsweredInOrder() throws {
        let session = try Session()
        session.send("BALANCE 1001 deadline=\(Self.inAMinute) request=r\nHELLO 2\n")
        #expect(session.readLine() == "OK 1001 1000")
        #expect(session.readLine() == "OK HELLO 2")
    }

    @Test func aBudgetIsCountedFromWhenTheDaemonReadsTheLine() throws {
        let session = try Session()
        #expect(session.ask("DEPOSIT 1002 5 budget=60000 key=b-1 request=r") == "OK 1002 5")
        #expect(session.ask("DEPOSIT 1002 5 budget=60000 key=b-1 request=r") == "REPLAY OK 1002 5")
        #expect(
            session.ask("DEPOSIT 1002 5 budget=60000 deadline=1")?.hasPrefix("ERR expired ") == true,
            "the earlier of the two holds")
        #expect(session.ask("BALANCE 1002 budget=x")?.hasPrefix("ERR bad-argument ") == true)
    }

    @Test func unknownOptionalAttributesAreIgnoredAndRequiredOnesRefused() throws {
        let session = try Session()
        #expect(session.ask("DEPOSIT 1002 7 budget=60000 shard=b colour=abc") == "OK 1002 7")
        #expect(session.ask("DEPOSIT 1002 7 budget=60000 !if-balance=0")?.hasPrefix("ERR bad-argument ") == true)
        #expect(session.ask("BALANCE 1002") == "OK 1002 7", "the refused line changed nothing")
    }
}
