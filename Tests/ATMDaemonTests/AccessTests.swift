import ATMCore
import ATMDaemon
import ATMDaemonSystem
import ATMMoney
import ATMProtocol
import ATMSystem
import Synchronization
import Testing

@Suite struct AccessPolicyTests {
    static let terminal = ClientSubject("O=ATM network, CN=terminal-0042")!
    static let policy = try! AccessPolicy(
        parsing: Array(
            """
            # a comment
            allow balance,deposit 1001-1003,2001 O=ATM network, CN=terminal-0042
            allow * * CN=ops
            """.utf8))

    static func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }

    @Test func anIdentityMayDoItsOperationsOnItsAccountsOnly() {
        let policy = Self.policy
        #expect(policy.decision(for: .balance(Self.account("1002")), identity: Self.terminal) == .allowed)
        #expect(policy.decision(for: .balance(Self.account("2001")), identity: Self.terminal) == .allowed)
        #expect(policy.decision(for: .balance(Self.account("1004")), identity: Self.terminal) == .forbidden)
        #expect(
            policy.decision(for: .withdraw(Money(cents: 1), from: Self.account("1001")), identity: Self.terminal)
                == .forbidden)
        let ops = ClientSubject("CN=ops")!
        #expect(
            policy.decision(for: .history(Self.account("9"), limit: 1, before: nil), identity: ops) == .allowed)
    }

    @Test func withoutAnIdentityOnlyOpenCommandsPass() {
        #expect(Self.policy.decision(for: .balance(Self.account("1001")), identity: nil) == .unauthenticated)
        #expect(Self.policy.decision(for: .list(.all), identity: nil) == .allowed)
    }

    @Test func metricsIsForTheIdentitiesARuleNamesIt() {
        let policy = try! AccessPolicy(
            parsing: Array(
                "allow balance * CN=t\nallow metrics 1001 CN=prometheus\nallow * * CN=ops\nallow * 1001-1003 CN=term"
                    .utf8))
        #expect(policy.decision(for: .metrics, on: [], identity: ClientSubject("CN=prometheus")) == .allowed)
        #expect(policy.decision(for: .metrics, on: [], identity: ClientSubject("CN=ops")) == .allowed)
        #expect(policy.decision(for: .metrics, on: [], identity: ClientSubject("CN=t")) == .forbidden)
        #expect(
            policy.decision(for: .metrics, on: [], identity: ClientSubject("CN=term")) == .forbidden,
            "a rule for some accounts is a terminal's, even with every operation")
        #expect(policy.decision(for: .balance(Self.account("1002")), identity: ClientSubject("CN=term")) == .allowed)
        #expect(policy.decision(for: .metrics, on: [], identity: nil) == .unauthenticated)
        #expect(
            policy.decision(for: .balance(Self.account("1001")), identity: ClientSubject("CN=prometheus"))
                == .forbidden)
    }

    @Test func aTransferNeedsBothAccounts() {
        let transfer = StateCommand.transfer(Money(cents: 1), from: Self.account("1001"), to: Self.account("1002"))
        let only = try! AccessPolicy(parsing: Array("allow transfer 1001 CN=t".utf8))
        #expect(only.decision(for: transfer, identity: ClientSubject("CN=t")) == .forbidden)
        let both = try! AccessPolicy(parsing: Array("allow transfer 1001-1002 CN=t".utf8))
        #expect(both.decision(for: transfer, identity: ClientSubject("CN=t")) == .allowed)
    }

    @Test(arguments: ["deny * * CN=x", "allow fly * CN=x", "allow * 12-3 CN=x", "allow * *", "allow * 1x CN=x"])
    func aBadLineIsRefusedWithItsNumber(line: String) {
        #expect(throws: AccessPolicy.ParseError.self) { try AccessPolicy(parsing: Array("\n\(line)".utf8)) }
        do {
            _ = try AccessPolicy(parsing: Array("\n\(line)".utf8))
        } catch {
            #expect(error.line == 2)
        }
    }
}

@Suite struct RateLimiterTests {
    @Test func aBurstOverTheLimitWaitsAndOtherClientsDoNot() {
        let now = Mutex<Int64>(0)
        let limiter = RateLimiter(perMinute: 60, burst: 3, clock: { now.withLock { $0 } })
        for _ in 0..<3 { #expect(limiter.take(for: "a") == nil) }
        #expect(limiter.take(for: "a") == 1)
        #expect(limiter.take(for: "b") == nil)
        now.withLock { $0 = 1_000 }
        #expect(limiter.take(for: "a") == nil)
        #expect(limiter.take(for: "a") == 1)
    }

    @Test func retryAfterIsTheWholeSecondsUntilTheNextCommand() {
        let limiter = RateLimiter(perMinute: 6, burst: 1, clock: { 0 })
        #expect(limiter.take(for: "a") == nil)
        #expect(limiter.take(for: "a") == 10)
    }

    @Test func theTableStaysBounded() {
        let limiter = RateLimiter(perMinute: 60, burst: 1, capacity: 100, clock: { 0 })
        for client in 0..<1_000 { _ = limiter.take(for: "c\(client)") }
        #expect(limiter.trackedClients <= 100)
    }
}

@Suite struct AccessControlTests {
    static let handler = PeerCredentials(processID: 1, userID: 1000, groupID: 1000)

    @Test func onlyRootOrAnAdminMayCreate() {
        let access = AccessControl(
            policy: nil, limiter: RateLimiter(perMinute: 0, burst: 1, clock: { 0 }), adminUserIDs: [42],
            maximumClientsPerUser: 2)
        let create = StateRequest(.create(AccountNumber(Array("7".utf8))!, balance: Money(cents: 1)))
        #expect(access.refusal(for: create, from: Self.handler)?.code == .forbidden)
        #expect(access.refusal(for: create, from: PeerCredentials(processID: 1, userID: 0, groupID: 0)) == nil)
        #expect(access.refusal(for: create, from: PeerCredentials(processID: 1, userID: 42, groupID: 0)) == nil)
    }

    @Test func metricsPassesThePolicyAndTheRateLimitLikeEveryOtherCommand() {
        let access = AccessControl(
            policy: try! AccessPolicy(parsing: Array("allow metrics * CN=prometheus".utf8)),
            limiter: RateLimiter(perMinute: 60, burst: 1, clock: { 0 }), adminUserIDs: [],
            maximumClientsPerUser: 2)
        let prometheus = ClientSubject("CN=prometheus")
        #expect(access.refusalOfMetrics(identity: nil, address: nil)?.code == .unauthenticated)
        #expect(access.refusalOfMetrics(identity: ClientSubject("CN=t"), address: nil)?.code == .forbidden)
        #expect(access.refusalOfMetrics(identity: prometheus, address: nil) == nil)
        #expect(access.refusalOfMetrics(identity: prometheus, address: nil)?.code == .rateLimited)
        #expect(AccessControl.open().refusalOfMetrics(identity: nil, address: nil) == nil)
    }

    @Test func aUserMayHoldOnlyItsShareOfConnections() {
        let access = AccessControl(
            policy: nil, limiter: RateLimiter(perMinute: 0, burst: 1, clock: { 0 }), adminUserIDs: [],
            maximumClientsPerUser: 2)
        #expect(access.admit(Self.handler) && access.admit(Self.handler))
        #expect(!access.admit(Self.handler))
        #expect(access.admit(PeerCredentials(processID: 2, userID: 0, groupID: 0)))
        access.release(Self.handler)
        #expect(access.admit(Self.handler))
    }
}

@Suite struct ClientSubjectTests {
    @Test func theEncodingRoundTripsAnyBytes() {
        let subject = ClientSubject([UInt8(ascii: "C"), 0x20, 0x25, 0x00, 0xFF, UInt8(ascii: "=")])!
        #expect(String(decoding: subject.encoded, as: UTF8.self) == "C%20%25%00%FF=")
        #expect(ClientSubject(encoded: subject.encoded[...]) == subject)
        #expect(ClientSubject(encoded: Array("%2".utf8)[...]) == nil)
        #expect(ClientSubject(encoded: Array("%zz".utf8)[...]) == nil)
    }

    @Test func aRequestCarriesItsIdentityAndAddress() throws {
        var request = StateRequest(.balance(AccountNumber(Array("1001".utf8))!))
        request.identity = ClientSubject("O=ATM network, CN=terminal-0042")
        request.address = ClientAddress(Array("192.0.2.7".utf8)[...])
        let decoded = try StateRequest(decoding: request.encoded.dropLast())
        #expect(decoded == request)
    }
}
