import ATMCore
import ATMDaemon
import ATMDaemonSystem
import ATMJournal
import ATMJournalTesting
import ATMLedger
import ATMMoney
import ATMProtocol
import Foundation
import Testing

/// LIST's pages, LIST under an access policy, and READY, through the daemon's protocol edge.
@Suite struct HealthListingTests {
    static func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }
    static let terminal = ClientSubject("CN=terminal-0042")!
    static let auditor = ClientSubject("CN=auditor")!
    static let policy = try! AccessPolicy(
        parsing: Array(
            """
            allow balance,deposit 1001-1002,2001 CN=terminal-0042
            allow history 3000-3999 CN=auditor
            allow deposit * CN=depositor
            allow metrics * CN=prometheus
            allow * * CN=ops
            """.utf8))

    static func ledger(_ numbers: [String]) -> Ledger {
        LedgerSetup.memory(DaemonConfiguration(), accounts: numbers.map { (account($0), Money(cents: 1)) })
    }

    static func request(_ line: String, identity: ClientSubject? = nil) -> StateRequest {
        var request = try! StateRequest(decoding: Array(line.utf8))
        request.identity = identity
        return request
    }

    static func reply(
        _ line: String, ledger: Ledger, identity: ClientSubject? = nil, policy: AccessPolicy? = Self.policy
    ) -> String {
        let readable = policy?.readableAccounts(identity: identity) ?? .all
        let reply = ProtocolEdge(store: ledger).reply(to: request(line, identity: identity), readable: readable)
        return String(decoding: reply.encoded.dropLast(), as: UTF8.self)
    }

    @Test func aPageStartsAfterItsCursorInByteOrderAndStopsAtItsLimit() {
        let ledger = Self.ledger(["2", "1001", "1002", "10", "3000"])
        #expect(Self.reply("LIST", ledger: ledger, policy: nil) == "OK 5 10 1001 1002 2 3000")
        #expect(Self.reply("LIST limit=2", ledger: ledger, policy: nil) == "OK 2 10 1001")
        #expect(Self.reply("LIST after=1001 limit=2", ledger: ledger, policy: nil) == "OK 2 1002 2")
        #expect(Self.reply("LIST after=1 limit=10", ledger: ledger, policy: nil) == "OK 5 10 1001 1002 2 3000")
        #expect(Self.reply("LIST after=3000", ledger: ledger, policy: nil) == "OK 0")
        #expect(Self.reply("LIST after=25", ledger: ledger, policy: nil) == "OK 1 3000", "a cursor need not exist")
    }

    @Test func aCreatedAccountJoinsThePagesInItsPlace() {
        let ledger = Self.ledger(["1001", "1003"])
        _ = ledger.perform(.create(Self.account("1002"), balance: .zero), OperationContext())
        _ = ledger.perform(.create(Self.account("0"), balance: .zero), OperationContext())
        #expect(Self.reply("LIST", ledger: ledger, policy: nil) == "OK 4 0 1001 1002 1003")
        #expect(Self.reply("LIST after=1001 limit=1", ledger: ledger, policy: nil) == "OK 1 1002")
    }

    @Test func underAPolicyListNamesOnlyTheAccountsTheIdentityMayRead() {
        let ledger = Self.ledger(["1001", "1002", "1003", "2001", "3000", "3500", "4000"])
        #expect(Self.reply("LIST", ledger: ledger, identity: Self.terminal) == "OK 3 1001 1002 2001")
        #expect(Self.reply("LIST", ledger: ledger, identity: Self.auditor) == "OK 2 3000 3500", "history reads too")
        #expect(
            Self.reply("LIST", ledger: ledger, identity: ClientSubject("CN=ops")!) == "OK 7 "
                + "1001 1002 1003 2001 3000 3500 4000")
        #expect(Self.reply("LIST limit=2", ledger: ledger, identity: Self.terminal) == "OK 2 1001 1002")
        #expect(Self.reply("LIST after=1002 limit=2", ledger: ledger, identity: Self.terminal) == "OK 1 2001")
    }

    @Test func underAPolicyListNamesNoAccountWithoutAnIdentityOrAReadingRule() {
        let ledger = Self.ledger(["1001", "1002"])
        #expect(Self.reply("LIST", ledger: ledger) == "OK 0")
        #expect(Self.reply("LIST", ledger: ledger, identity: ClientSubject("CN=depositor")!) == "OK 0")
        #expect(Self.reply("LIST", ledger: ledger, identity: ClientSubject("CN=prometheus")!) == "OK 0")
        #expect(Self.reply("LIST", ledger: ledger, identity: ClientSubject("CN=stranger")!) == "OK 0")
        #expect(Self.reply("LIST", ledger: ledger, policy: nil) == "OK 2 1001 1002", "without a policy: all")
    }

    @Test func aFilteredPageIsFilledAcrossStorePagesOfALargeBank() {
        // 25,000 accounts, of which the terminal may read three, two of them beyond the first store page.
        let ledger = Self.ledger((0..<25_000).map { String(5_000_000 + $0) } + ["1001", "1002", "2001"])
        #expect(Self.reply("LIST", ledger: ledger, identity: Self.terminal) == "OK 3 1001 1002 2001")
        #expect(Self.reply("LIST after=1001 limit=1", ledger: ledger, identity: Self.terminal) == "OK 1 1002")
        let policy = try! AccessPolicy(parsing: Array("allow balance 5012345,5024999 CN=t".utf8))
        #expect(
            Self.reply("LIST limit=5", ledger: ledger, identity: ClientSubject("CN=t")!, policy: policy)
                == "OK 2 5012345 5024999")
    }

    @Test func readyIsAnsweredAndNamesNoAccount() {
        #expect(Self.reply("READY", ledger: Self.ledger(["1001"]), policy: nil) == "OK READY")
    }

    /// A journal on a simulated disk whose writes fail: the first change is refused, and from then on
    /// READY says the daemon cannot serve, while reads still work.
    @Test func readyFailsOnceTheJournalRefusesChanges() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atm-ready-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let disk = SimulatedDisk()
        let journalled = try LedgerSetup.journalled(
            DaemonConfiguration(), path: directory.appendingPathComponent("journal").path, storage: disk,
            accounts: { [(Self.account("1001"), Money(cents: 500))] }, log: { _ in })
        let ledger = journalled.ledger
        #expect(Self.reply("READY", ledger: ledger, policy: nil) == "OK READY")
        disk.failWrite()
        #expect(Self.reply("DEPOSIT 1001 1", ledger: ledger, policy: nil).hasPrefix("ERR unavailable "))
        let ready = Self.reply("READY", ledger: ledger, policy: nil)
        #expect(ready.hasPrefix("ERR unavailable not ready: the journal refuses changes"), "\(ready)")
        #expect(Self.reply("BALANCE 1001", ledger: ledger, policy: nil) == "OK 1001 500", "reads go on")
        #expect(journalled.journal.isPoisoned)
    }

    @Test func readyFailsWhenTheJournalIsPoisonedBeforeAnyChangeMetIt() {
        let services = LedgerServices(
            commit: { _ in .durable(sequence: 1) }, monotonicMilliseconds: { 0 }, wallMilliseconds: { 0 },
            isDurabilityLost: { true })
        let ledger = Ledger(LedgerState(historyCapacity: 1, idempotencyKeys: 1), services: services)
        #expect(ledger.readiness() != .ready)
    }

    @Test func readyIsNeitherRateLimitedNorGovernedByThePolicy() {
        let access = AccessControl(
            policy: Self.policy, limiter: RateLimiter(perMinute: 1, burst: 1, clock: { 0 }), adminUserIDs: [],
            maximumClientsPerUser: 1)
        let peer = PeerCredentials(processID: 1, userID: 1000, groupID: 1000)
        var request = Self.request("READY")
        request.address = ClientAddress(unchecked: "192.0.2.7")
        for _ in 0..<3 { #expect(access.refusal(for: request, from: peer) == nil) }
    }
}
