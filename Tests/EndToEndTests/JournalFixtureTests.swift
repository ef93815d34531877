import Foundation
import Testing

/// Journals written by an earlier release (Tests/EndToEndTests/JournalFixtures, made by
/// scripts/make-journal-fixtures at commit 22bd11c) are read by this one: the same balances, history and
/// stored idempotency outcomes, and every key replays, before and after this release appends to them.
@Suite(.serialized) struct JournalFixtureTests {
    /// One exchange of a fixture's `expected` file: a line sent and the reply the writing release gave it.
    private struct Exchange {
        let line: String
        let reply: String
    }

    private static func fixture(_ name: String) -> URL {
        Binaries.repository.appendingPathComponent("Tests/EndToEndTests/JournalFixtures/\(name)")
    }

    private static func exchanges(of fixture: URL) throws -> [Exchange] {
        let text = try String(contentsOf: fixture.appendingPathComponent("expected"), encoding: .utf8)
        return text.split(separator: "\n").map { row in
            let parts = row.split(separator: "\t", maxSplits: 1)
            return Exchange(line: String(parts[0]), reply: parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// A daemon on a copy of the fixture's files (the fixture itself is never written).
    private static func daemon(on fixture: URL) throws -> JournalledDaemon {
        let daemon = JournalledDaemon(preload: #"{"1":"1.00"}"#)
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture.path) where file.hasPrefix("journal") {
            try FileManager.default.copyItem(
                at: fixture.appendingPathComponent(file), to: daemon.directory.appendingPathComponent(file))
        }
        return daemon
    }

    private static func expectSameReplies(_ exchanges: [Exchange], from daemon: JournalledDaemon) {
        for exchange in exchanges {
            #expect(daemon.ask(exchange.line) == exchange.reply, "\(exchange.line)")
        }
    }

    @Test(arguments: ["plain", "compacted"])
    func aJournalAnEarlierReleaseWroteRecoversTheSameStateAndReplaysItsKeys(_ name: String) throws {
        let fixture = Self.fixture(name)
        let exchanges = try Self.exchanges(of: fixture)
        #expect(exchanges.count > 20, "the fixture's expected exchanges are there")
        let daemon = try Self.daemon(on: fixture)
        try daemon.start()
        Self.expectSameReplies(exchanges, from: daemon)

        // This release appends to the old journal; after a restart both kinds of record are read.
        let before = try #require(daemon.cents("1001"))
        #expect(daemon.ask("DEPOSIT 1001 1 key=after-upgrade") == "OK 1001 \(before + 1)")
        #expect(daemon.ask("TRANSFER 1002 1001 2 key=after-upgrade-transfer")?.hasPrefix("OK 1002 ") == true)
        #expect(daemon.stop() == 0)
        try daemon.start()
        #expect(daemon.cents("1001") == before + 3)
        #expect(daemon.ask("DEPOSIT 1001 1 key=after-upgrade") == "REPLAY OK 1001 \(before + 1)")
        #expect(daemon.ask("DEPOSIT 1001 2 key=after-upgrade")?.hasPrefix("ERR key-reused ") == true)
        let changed = Set(["BALANCE 1001", "BALANCE 1002", "HISTORY 1001 100", "HISTORY 1002 100"])
        Self.expectSameReplies(exchanges.filter { !changed.contains($0.line) }, from: daemon)
        #expect(daemon.stop() == 0)
    }
}
