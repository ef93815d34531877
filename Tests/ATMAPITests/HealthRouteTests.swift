import ATMCore
import ATMJSON
import ATMMoney
import ATMProtocol
import HTTP1
import Testing

@testable import ATMAPI

/// `/health`'s pages and `next`, its query, and the probes `/health/ready` and `/health/live`.
@Suite struct HealthRouteTests {
    private func plan(_ target: String, healthLimit: Int = HealthQuery.defaultLimit) -> RequestPlan? {
        var reader = HTTPRequestReader()
        reader.append(Array("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        guard case .head(let head) = reader.next() else { return nil }
        return RequestPlan(for: head, limits: reader.limits, healthLimit: healthLimit)
    }

    private func failure(_ target: String, healthLimit: Int = HealthQuery.defaultLimit) -> String? {
        guard case .fail(let error)? = plan(target, healthLimit: healthLimit) else { return nil }
        #expect(error.status.code == 400, "\(target)")
        return error.detail
    }

    private static func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }
    private static func accounts(_ count: Int) -> [AccountNumber] { (0..<count).map { account(String(1000 + $0)) } }

    private static func body(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func withoutAQueryHealthAsksOneAccountMoreThanTheLimit() {
        #expect(plan("/health") == .call(.health(HealthQuery(limit: 10_000))))
        #expect(HealthQuery(limit: 10_000).command == .list(AccountPage(limit: 10_001)))
        #expect(plan("/health", healthLimit: 3) == .call(.health(HealthQuery(limit: 3))))
    }

    @Test func theQueryGivesTheCursorAndTheLimitWithinTheSetting() {
        #expect(
            plan("/health?after=1002&limit=2") == .call(.health(HealthQuery(after: Self.account("1002"), limit: 2))))
        #expect(plan("/health?limit=0010&other=x&&") == .call(.health(HealthQuery(limit: 10))))
        #expect(plan("/health?limit=5", healthLimit: 5) == .call(.health(HealthQuery(limit: 5))), "at the setting")
        #expect(plan("/health?limit=1") == .call(.health(HealthQuery(limit: 1))))
        #expect(plan("/health?after=%31%30") == .call(.health(HealthQuery(after: Self.account("10")))))
    }

    @Test func badQueryValuesAreRefusedWithTheRule() {
        #expect(failure("/health?limit=6", healthLimit: 5) == "limit must be a whole number from 1 to 5")
        #expect(failure("/health?limit=0") == "limit must be a whole number from 1 to 10000")
        #expect(failure("/health?limit=-1") == "limit must be a whole number from 1 to 10000")
        #expect(failure("/health?limit") == "limit must be a whole number from 1 to 10000")
        #expect(failure("/health?limit=1&limit=1") == "limit may appear only once")
        #expect(failure("/health?after=abc") == "after must be an account number (the next of an earlier page)")
        #expect(failure("/health?after=") == "after must be an account number (the next of an earlier page)")
        #expect(failure("/health?after=1&after=2") == "after may appear only once")
        #expect(failure("/health?after=%zz") == "the query is not validly percent-encoded")
    }

    @Test func atTheLimitTheAnswerIsTheOriginalsByteForByte() {
        let query = HealthQuery(limit: 3)
        let response = query.response(to: .accounts(Self.accounts(3)))
        #expect(response.status.code == 200)
        #expect(Self.body(response) == #"{"status":"ok","accounts":["1000","1001","1002"]}"#)
        #expect(Self.body(HealthQuery().response(to: .accounts([]))) == #"{"status":"ok","accounts":[]}"#)
        // The same bytes the general JSON writer gave before the page existed.
        var writer = JSONObjectWriter()
        writer.add("status", "ok")
        writer.add("accounts", ["1001", "1002", "1003", "1004", "2001"])
        let demo = ["1001", "1002", "1003", "1004", "2001"].map(Self.account)
        #expect(HealthQuery().response(to: .accounts(demo)).body == writer.finish())
    }

    @Test func onePastTheLimitIsAPageWithNext() {
        let response = HealthQuery(limit: 3).response(to: .accounts(Self.accounts(4)))
        #expect(Self.body(response) == #"{"status":"ok","accounts":["1000","1001","1002"],"next":"1002"}"#)
        let second = HealthQuery(after: Self.account("1002"), limit: 3).response(to: .accounts([Self.account("1003")]))
        #expect(Self.body(second) == #"{"status":"ok","accounts":["1003"]}"#, "the last page has no next")
    }

    @Test func aDaemonThatIgnoredThePageIsPagedHere() {
        // A daemon that predates after= and limit= answers every account.
        let query = HealthQuery(after: Self.account("1001"), limit: 2)
        let response = query.response(to: .accounts(Self.accounts(6)))
        #expect(Self.body(response) == #"{"status":"ok","accounts":["1002","1003"],"next":"1003"}"#)
    }

    @Test func readyIsOneDaemonRoundTripAndLiveNone() {
        #expect(plan("/health/ready") == .call(.ready))
        #expect(RequestPlan.Query.ready.command == .ready)
        guard case .respond(let live)? = plan("/health/live") else {
            Issue.record("/health/live asks the daemon")
            return
        }
        #expect(live.status.code == 200)
        #expect(Self.body(live) == #"{"status":"live"}"#)
    }

    @Test func readinessAnswers() {
        let ready = RequestPlan.Query.ready.response(to: .ready)
        #expect(ready.status.code == 200)
        #expect(Self.body(ready) == #"{"status":"ready"}"#)
        let old = StateReply.error(ProtocolError(.badCommand, "unknown command; try HELP"))
        #expect(RequestPlan.Query.ready.response(to: old).status.code == 200, "a daemon before READY is up")
        #expect(!RequestPlan.Query.ready.isUnexpected(old))
        let failing = StateReply.error(ProtocolError(.unavailable, "not ready: the database is unreachable"))
        let notReady = RequestPlan.Query.ready.response(to: failing)
        #expect(notReady.status.code == 503)
        #expect(notReady.retryAfterSeconds == 1)
        #expect(Self.body(notReady) == #"{"detail":"not ready: the database is unreachable"}"#)
        let busy = RequestPlan.Query.ready.response(to: .error(ProtocolError(.busy)))
        #expect(busy.status.code == 503)
        #expect(busy.retryAfterSeconds == 1)
    }

    @Test func theProbesHaveTheirOwnLabelsAndNoPolicyOperation() {
        #expect(Route.reported(path: Array("/health/ready".utf8)) == .ready)
        #expect(Route.reported(path: Array("/health/live".utf8)) == .live)
        #expect(RouteName.ready.operation == nil)
        #expect(RouteName.live.operation == nil)
        #expect(RouteName.ready.statuses.contains(503))
        #expect(!RouteName.ready.statuses.contains(429), "READY is never rate limited")
        #expect(!RouteName.live.statuses.contains(503), "live asks no daemon")
        #expect(plan("/health/ready/x") == .fail(.notFound))
    }

    @Test func theDocumentDescribesThePolicyFilterAndThePaging() throws {
        var head = HTTPRequestHead(method: .GET, path: Array("/openapi.json".utf8), version: .http11)
        head.fields = []
        guard case .respond(let response) = RequestPlan(for: head, limits: .init()) else {
            Issue.record("no document")
            return
        }
        _ = try JSONParser.parse(response.body, maximumDepth: 64)
        let text = Self.body(response)
        #expect(text.contains("Under an access policy (ATM_STATED_POLICY) only the accounts the client's certificate"))
        #expect(text.contains("none without a certificate"))
        #expect(text.contains(##""$ref": "#/components/parameters/HealthAfter""##))
        #expect(text.contains(##""$ref": "#/components/parameters/HealthLimit""##))
        #expect(text.contains(#""/health/ready": {"#))
        #expect(text.contains(#""/health/live": {"#))
        #expect(text.contains(##""$ref": "#/components/schemas/Probe""##))
    }
}

extension HealthQuery {
    /// What the handler answers for the daemon's `reply` to this page's LIST.
    fileprivate func response(to reply: StateReply) -> HTTPResponse {
        RequestPlan.Query.health(self).response(to: reply)
    }
}
