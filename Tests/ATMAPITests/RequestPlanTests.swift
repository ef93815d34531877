import ATMAPI
import ATMCore
import ATMJSON
import ATMMoney
import ATMProtocol
import HTTP1
import Testing

@Suite struct RequestPlanTests {
    private func plan(_ request: String) -> RequestPlan? {
        var reader = HTTPRequestReader()
        reader.append(Array(request.utf8))
        guard case .head(let head) = reader.next() else { return nil }
        return RequestPlan(for: head, limits: reader.limits)
    }

    private func failure(_ request: String) -> APIError? {
        guard case .fail(let error) = plan(request) else { return nil }
        return error
    }

    private let account = AccountNumber(Array("1001".utf8))!

    @Test func routesEachOperation() {
        #expect(plan("GET /health HTTP/1.1\r\nHost: a\r\n\r\n") == .call(.health(HealthQuery())))
        #expect(plan("HEAD /accounts/1001/balance HTTP/1.1\r\nHost: a\r\n\r\n") == .call(.balance(account)))
        let deposit = "POST /accounts/1001/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n"
        #expect(plan(deposit) == .move(.deposit(account), idempotencyKey: nil, sendContinue: false))
        let withdraw =
            "POST /accounts/1001/withdraw HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Type: application/json; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(plan(withdraw) == .move(.withdraw(account), idempotencyKey: nil, sendContinue: true))
    }

    @Test func servesTheDocuments() {
        guard case .respond(let openAPI) = plan("GET /openapi.json HTTP/1.1\r\nHost: a\r\n\r\n"),
            case .respond(let docs) = plan("GET /docs HTTP/1.1\r\nHost: a\r\n\r\n")
        else {
            Issue.record("documents not served")
            return
        }
        #expect(openAPI.contentType.description == "application/json")
        #expect(docs.contentType.description.hasPrefix("text/html"))
    }

    @Test func unknownPathsAre404NotFound() {
        for path in [
            "/", "/health/", "/accounts/1001", "/accounts/1001/balance/x", "/accounts/1001/transfers", "/HEALTH",
        ] {
            #expect(failure("GET \(path) HTTP/1.1\r\nHost: a\r\n\r\n") == .notFound, "\(path)")
        }
    }

    @Test func aPathSegmentThatCannotNameAnAccountIs404AccountNotFound() {
        for segment in ["abc", "%31", "", "1%0A2", "123456789012345678901234567890123", "-1"] {
            #expect(failure("GET /accounts/\(segment)/balance HTTP/1.1\r\nHost: a\r\n\r\n") == .accountNotFound)
            let post = "POST /accounts/\(segment)/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n"
            #expect(failure(post) == .accountNotFound)
        }
    }

    @Test func wrongMethodsAre405WithAllow() {
        #expect(
            failure("POST /health HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
                == .methodNotAllowed(allow: "GET, HEAD"))
        #expect(failure("GET /accounts/1/deposit HTTP/1.1\r\nHost: a\r\n\r\n") == .methodNotAllowed(allow: "POST"))
        #expect(failure("DELETE /docs HTTP/1.1\r\nHost: a\r\n\r\n") == .methodNotAllowed(allow: "GET, HEAD"))
        let response = APIError.methodNotAllowed(allow: "POST").response
        #expect(response.allow == "POST")
        #expect(String(decoding: response.serialized(date: someDate), as: UTF8.self).contains("\r\nAllow: POST\r\n"))
    }

    @Test func bodyChecksComeBeforeReadingIt() {
        let head = "POST /accounts/1001/deposit HTTP/1.1\r\nHost: a\r\n"
        #expect(failure(head + "\r\n") == .lengthRequired)
        #expect(failure(head + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n") == .unsupportedMediaType)
        #expect(failure(head + "Content-Type: application/jsonx\r\nContent-Length: 2\r\n\r\n") == .unsupportedMediaType)
        #expect(failure(head + "Content-Length: 4097\r\n\r\n") == .read(.bodyTooLarge(limit: 4096)))
        #expect(failure(head + "Expect: something\r\nContent-Length: 2\r\n\r\n") == .expectationFailed)
        #expect(
            plan(head + "Content-Type: APPLICATION/JSON ; charset=utf-8\r\nContent-Length: 2\r\n\r\n")
                == .move(.deposit(account), idempotencyKey: nil, sendContinue: false))
    }

    @Test func http10IgnoresContinueExpectations() {
        let request = "POST /accounts/1001/deposit HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        #expect(plan(request) == .move(.deposit(account), idempotencyKey: nil, sendContinue: false))
    }
}

@Suite struct AmountBodyTests {
    private func parse(_ text: String) throws(APIError) -> Money { try AmountBody.amount(in: Array(text.utf8)) }

    @Test func readsTheAmountAndIgnoresOtherMembers() throws {
        #expect(try parse(#"{"amount":"10.50"}"#) == Money(cents: 1050))
        #expect(try parse(#" { "note": [1, {"a": null}], "amount" : "5" } "#) == Money(cents: 500))
        #expect(try parse(#"{"\u0061mount":"\u0031"}"#) == Money(cents: 100))
    }

    @Test(arguments: [
        ("", "empty"), ("{", "not valid JSON"), ("[]", "must be a JSON object"), ("\"10\"", "must be a JSON object"),
        ("{}", "is required"), (#"{"amount":10.5}"#, "not a number"), (#"{"amount":null}"#, "not null"),
        (#"{"amount":"1","amount":"2"}"#, "more than once"), (#"{"amount":"10.505"}"#, "at most two decimals"),
        (#"{"amount":"0"}"#, "greater than zero"), (#"{"amount":"1e2"}"#, "only the digits"),
        (#"{"amount":"10"} x"#, "not valid JSON"), (#"{"Amount":"10"}"#, "is required"),
    ])
    func badBodiesAre400WithAClearDetail(body: String, expected: String) {
        do {
            _ = try parse(body)
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.status == .badRequest)
            #expect(error.detail.contains(expected), "\(error.detail)")
        }
    }

    @Test func invalidUTF8AndDeepNestingAre400() {
        #expect(throws: APIError.self) { try AmountBody.amount(in: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
        #expect(throws: APIError.self) { try parse("{\"amount\":\"1\u{01}\"}") }
        let deep = #"{"amount":"1","x":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
        #expect(throws: APIError.self) { try parse(deep) }
    }
}

@Suite struct TransferBodyTests {
    private let source = AccountNumber(Array("1001".utf8))!

    @Test func aTransferBodyNamesItsDestinationAndAmount() throws {
        let command = try RequestPlan.Movement.transfer(from: source).command(
            body: Array(#"{"to_account":"1002","amount":"5.00"}"#.utf8))
        #expect(command == .transfer(Money(cents: 500), from: source, to: AccountNumber(Array("1002".utf8))!))
    }

    @Test(arguments: [
        (#"{"amount":"5"}"#, #"the field "to_account" is required"#),
        (#"{"to_account":1002,"amount":"5"}"#, "invalid to_account"),
        (#"{"to_account":"10a2","amount":"5"}"#, "invalid to_account"),
        (#"{"to_account":"","amount":"5"}"#, "invalid to_account"),
        (#"{"to_account":"1002"}"#, #"the field "amount" is required"#),
        (#"{"to_account":"1002","to_account":"1003","amount":"5"}"#, "more than once"),
        (#"{"to_account":"1001","amount":"5"}"#, "cannot transfer to the same account"),
        (#"{"to_account":"1002","amount":"0.00"}"#, "greater than zero"),
    ])
    func badTransferBodiesAre400(body: String, expected: String) {
        do throws(APIError) {
            _ = try RequestPlan.Movement.transfer(from: source).command(body: Array(body.utf8))
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.status == .badRequest)
            #expect(error.detail.contains(expected), "\(error.detail)")
        }
    }
}

@Suite struct IdempotencyKeyFieldTests {
    private func plan(_ fields: String) -> RequestPlan {
        var reader = HTTPRequestReader()
        reader.append(
            Array("POST /accounts/1001/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\(fields)\r\n".utf8))
        guard case .head(let head) = reader.next() else { return .fail(.notFound) }
        return RequestPlan(for: head, limits: reader.limits)
    }

    private let account = AccountNumber(Array("1001".utf8))!

    @Test func bareAndQuotedKeysAreTheSameKey() {
        let key = IdempotencyKey(Array("abc-123".utf8)[...])
        #expect(
            plan("Idempotency-Key: abc-123\r\n") == .move(.deposit(account), idempotencyKey: key, sendContinue: false))
        #expect(
            plan("Idempotency-Key: \"abc-123\"\r\n")
                == .move(.deposit(account), idempotencyKey: key, sendContinue: false))
        let longest = String(repeating: "k", count: 255)
        #expect(
            plan("Idempotency-Key: \(longest)\r\n")
                == .move(
                    .deposit(account), idempotencyKey: IdempotencyKey(Array(longest.utf8)[...]), sendContinue: false))
    }

    @Test(arguments: [
        "Idempotency-Key: \r\n", "Idempotency-Key: \"\"\r\n", "Idempotency-Key: a b\r\n", "Idempotency-Key: \"abc\r\n",
        "Idempotency-Key: \"a\\\"b\"\r\n", "Idempotency-Key: \(String(repeating: "k", count: 256))\r\n",
        "Idempotency-Key: a\r\nIdempotency-Key: a\r\n", "Idempotency-Key: caf\u{e9}\r\n",
    ])
    func invalidKeysAre400(fields: String) {
        #expect(plan(fields) == .fail(.invalidIdempotencyKey))
        #expect(APIError.invalidIdempotencyKey.detail == "invalid Idempotency-Key header")
    }
}

@Suite struct StateReplyResponseTests {
    private let account = AccountNumber(Array("1001".utf8))!

    private func text(_ response: HTTPResponse) -> String {
        String(decoding: response.serialized(date: someDate), as: UTF8.self)
    }

    @Test func aReplayIsTheSameStatusAndBodyPlusTheReplayedHeader() {
        let original = StateReply.balance(account, Money(cents: 500))
        let replayed = StateReply.replayed(original).response
        #expect(replayed.status == original.response.status)
        #expect(replayed.body == original.response.body)
        #expect(text(replayed).contains("\r\nIdempotent-Replayed: true\r\n"))
        let refusal = StateReply.error(ProtocolError(.insufficientFunds, "insufficient funds"))
        #expect(StateReply.replayed(refusal).response.body == refusal.response.body)
    }

    @Test(arguments: [
        (ErrorCode.notFound, 404, "account not found"),
        (.destinationNotFound, 404, "destination account not found"),
        (.insufficientFunds, 400, "insufficient funds"), (.limitExceeded, 400, "balance limit exceeded"),
        (.keyInProgress, 409, "a request with this idempotency key is in progress"),
        (.keyReused, 422, "idempotency key reused with a different request"),
        (.expired, 503, "state service unavailable"), (.busy, 503, "state service unavailable"),
        (.unavailable, 503, "state service unavailable"),
        (.unknown, 504, "the outcome of this request is unknown; retry it with the same Idempotency-Key"),
        (.badArgument, 500, "the state service answered unexpectedly; see the server log"),
        (.lineTooLong, 500, "the state service answered unexpectedly; see the server log"),
    ])
    func everyDaemonErrorMapsToItsStatus(code: ErrorCode, status: Int, detail: String) {
        let reply = StateReply.error(ProtocolError(code, "words"))
        #expect(reply.response.status.code == status)
        #expect(String(decoding: reply.response.body, as: UTF8.self) == #"{"detail":"\#(detail)"}"#)
        #expect(reply.isUnexpected == (status == 500))
        #expect(text(reply.response).contains("Retry-After: 1") == (status == 503))
    }
}

@Suite struct RequestIDFieldTests {
    private func head(_ fields: String) -> HTTPRequestHead? {
        var reader = HTTPRequestReader()
        reader.append(Array("GET /health HTTP/1.1\r\nHost: a\r\n\(fields)\r\n".utf8))
        guard case .head(let head) = reader.next() else { return nil }
        return head
    }

    @Test func aValidClientIdIsKeptAndAnInvalidOneIsNot() throws {
        #expect(RequestIDField.id(in: try #require(head("X-Request-ID: abc-1\r\n")))?.text == "abc-1")
        #expect(RequestIDField.id(in: try #require(head("X-Request-ID: a b\r\n"))) == nil)
        #expect(
            RequestIDField.id(in: try #require(head("X-Request-ID: \(String(repeating: "x", count: 129))\r\n"))) == nil)
        #expect(RequestIDField.id(in: try #require(head("X-Request-ID: a\r\nX-Request-ID: b\r\n"))) == nil)
        #expect(RequestIDField.id(in: try #require(head(""))) == nil)
    }

    @Test func aMadeIdIs32LowercaseHexDigits() {
        let id = RequestIDField.make(from: (0x00ff_1a5c_5c5c_5c5c, 0x5c5c_5c5c_5c5c_5c5c))
        #expect(id.text == "00ff1a" + String(repeating: "5c", count: 13))
        #expect(id.text.utf8.count == 32)
    }
}
/// RFC 9110's own example date.
private let someDate = HTTPDate(secondsSinceEpoch: 784_111_777)

@Suite struct ResponseTests {
    @Test func everyResponseCarriesTheContractHeaders() {
        let text = String(
            decoding: HTTPResponse.balance(AccountNumber(Array("1001".utf8))!, Money(cents: 100_000)).serialized(
                date: someDate),
            as: UTF8.self)
        #expect(
            text
                == "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: application/json\r\nContent-Length: 45\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n{\"account_number\":\"1001\",\"balance\":\"1000.00\"}"
        )
    }

    @Test func headResponsesKeepTheLengthButNotTheBody() {
        let response = HTTPResponse.health([])
        let head = response.serialized(date: someDate, includingBody: false)
        #expect(String(decoding: head, as: UTF8.self).contains("Content-Length: \(response.body.count)\r\n"))
        #expect(head.count + response.body.count == response.serialized(date: someDate).count)
    }

    @Test func unavailableCarriesRetryAfter() {
        let text = String(decoding: APIError.stateUnavailable.response.serialized(date: someDate), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(text.contains("\r\nRetry-After: 1\r\n"))
        #expect(text.hasSuffix(#"{"detail":"state service unavailable"}"#))
    }

    @Test func theDocsPageIsSelfContained() {
        guard
            case .respond(let response) = RequestPlan(
                for: HTTPRequestHead(method: .GET, path: Array("/docs".utf8), version: .http10), limits: .init())
        else {
            Issue.record("no page")
            return
        }
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("<script>"))
        #expect(!text.contains("src="))
        #expect(!text.contains("http://") && !text.contains("https://"))
        #expect(!text.contains("<link"))
    }
}
