import ATMAPI
import ATMCore
import ATMMoney
import ATMProtocol
import HTTP1
import Testing

@Suite struct TransactionsRouteTests {
    private func plan(_ request: String) -> RequestPlan? {
        var reader = HTTPRequestReader()
        reader.append(Array(request.utf8))
        guard case .head(let head) = reader.next() else { return nil }
        return RequestPlan(for: head, limits: reader.limits)
    }

    private let account = AccountNumber(Array("1001".utf8))!

    @Test func plansAHistoryCallWithTheQuery() {
        let page = plan("GET /accounts/1001/transactions?limit=3&before=9 HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(page == .call(.transactions(account, HistoryQuery(limit: 3, before: 9))))
        #expect(
            RequestPlan.Query.transactions(account, HistoryQuery(limit: 3, before: 9)).command
                == .history(account, limit: 3, before: 9))
        #expect(
            plan("HEAD /accounts/1001/transactions HTTP/1.1\r\nHost: a\r\n\r\n")
                == .call(.transactions(account, .init())))
        #expect(plan("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n") == .metrics)
    }

    @Test func anUnnamableAccountIsNotFoundBeforeTheQueryIsRead() {
        #expect(plan("GET /accounts/x/transactions?limit=0 HTTP/1.1\r\nHost: a\r\n\r\n") == .fail(.accountNotFound))
        guard case .fail(let error) = plan("GET /accounts/1/transactions?limit=0 HTTP/1.1\r\nHost: a\r\n\r\n") else {
            Issue.record("a bad limit was planned")
            return
        }
        #expect(error.status.code == 400)
    }

    @Test func theNewRoutesAreReadOnly() {
        #expect(plan("POST /metrics HTTP/1.1\r\nHost: a\r\n\r\n") == .fail(.methodNotAllowed(allow: "GET, HEAD")))
        #expect(
            plan("DELETE /accounts/1/transactions HTTP/1.1\r\nHost: a\r\n\r\n")
                == .fail(.methodNotAllowed(allow: "GET, HEAD")))
    }

    @Test func everyRouteHasItsOwnMetricsLabel() {
        #expect(Route.reported(path: Array("/accounts/1/transfer".utf8)) == .transfer)
        #expect(Route.reported(path: Array("/accounts/1/transactions".utf8)) == .transactions)
        #expect(Route.reported(path: Array("/metrics".utf8)) == .metrics)
        #expect(Route.reported(path: Array("/accounts/1/elsewhere".utf8)) == .unmatched)
        #expect(Route.reported(path: nil) == .unmatched)
    }

    @Test func writesTransactionsWithTheContractsKeysInOrder() {
        let entries = [
            HistoryEntry(
                id: 12, timeMilliseconds: 1_795_687_200_123, kind: .transferOut, amount: Money(cents: 500),
                balance: Money(cents: 99_500), counterparty: AccountNumber(Array("1002".utf8))),
            HistoryEntry(
                id: 3, timeMilliseconds: 1_795_687_100_000, kind: .deposit, amount: Money(cents: 1_050),
                balance: Money(cents: 100_000)),
        ]
        let response = StateReply.history(account, entries).response
        #expect(response.status == .ok)
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == #"{"account_number":"1001","transactions":["#
                + #"{"id":"12","time":"2026-11-26T10:00:00.123Z","type":"transfer_out","amount":"5.00","balance":"995.00","counterparty":"1002"},"#
                + #"{"id":"3","time":"2026-11-26T09:58:20.000Z","type":"deposit","amount":"10.50","balance":"1000.00"}]}"#
        )
        #expect(
            String(decoding: StateReply.history(account, []).response.body, as: UTF8.self)
                == #"{"account_number":"1001","transactions":[]}"#)
    }
}
