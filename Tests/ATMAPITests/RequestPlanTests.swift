import ATMAPI
import ATMJSON
import ATMMoney
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
        #expect(plan("GET /health HTTP/1.1\r\nHost: a\r\n\r\n") == .call(.health))
        #expect(plan("HEAD /accounts/1001/balance HTTP/1.1\r\nHost: a\r\n\r\n") == .call(.balance(account)))
        let deposit = "POST /accounts/1001/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n"
        #expect(plan(deposit) == .callWithAmount(.deposit(account), sendContinue: false))
        let withdraw =
            "POST /accounts/1001/withdraw HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Type: application/json; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(plan(withdraw) == .callWithAmount(.withdraw(account), sendContinue: true))
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
            "/", "/health/", "/accounts/1001", "/accounts/1001/balance/x", "/accounts/1001/transfer", "/HEALTH",
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
        #expect(String(decoding: response.serialized(), as: UTF8.self).contains("\r\nAllow: POST\r\n"))
    }

    @Test func bodyChecksComeBeforeReadingIt() {
        let head = "POST /accounts/1001/deposit HTTP/1.1\r\nHost: a\r\n"
        #expect(failure(head + "\r\n") == .lengthRequired)
        #expect(failure(head + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n") == .unsupportedMediaType)
        #expect(failure(head + "Content-Type: application/jsonx\r\nContent-Length: 2\r\n\r\n") == .unsupportedMediaType)
        #expect(failure(head + "Content-Length: 4097\r\n\r\n") == .read(.bodyTooLarge(limit: 4096)))
        #expect(failure(head + "Expect: something\r\nContent-Length: 2\r\n\r\n") == .expectationFailed)
        #expect(plan(head + "Content-Type: APPLICATION/JSON ; charset=utf-8\r\nContent-Length: 2\r\n\r\n") != nil)
    }

    @Test func http10IgnoresContinueExpectations() {
        let request = "POST /accounts/1001/deposit HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        #expect(plan(request) == .callWithAmount(.deposit(account), sendContinue: false))
    }
}

@Suite struct AmountBodyTests {
    private func parse(_ text: String) throws(APIError) -> Money { try AmountBody.parse(Array(text.utf8)) }

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
        #expect(throws: APIError.self) { try AmountBody.parse([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
        #expect(throws: APIError.self) { try parse("{\"amount\":\"1\u{01}\"}") }
        let deep = #"{"amount":"1","x":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"
        #expect(throws: APIError.self) { try parse(deep) }
    }
}

@Suite struct ResponseTests {
    @Test func everyResponseCarriesTheContractHeaders() {
        let text = String(
            decoding: HTTPResponse.balance(AccountNumber(Array("1001".utf8))!, Money(cents: 100_000)).serialized(),
            as: UTF8.self)
        #expect(
            text
                == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 45\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{\"account_number\":\"1001\",\"balance\":\"1000.00\"}"
        )
    }

    @Test func headResponsesKeepTheLengthButNotTheBody() {
        let response = HTTPResponse.health([])
        let head = response.serialized(includingBody: false)
        #expect(String(decoding: head, as: UTF8.self).contains("Content-Length: \(response.body.count)\r\n"))
        #expect(head.count + response.body.count == response.serialized().count)
    }

    @Test func unavailableCarriesRetryAfter() {
        let text = String(decoding: APIError.stateUnavailable.response.serialized(), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 503 Service Unavailable\r\n"))
        #expect(text.contains("\r\nRetry-After: 1\r\n"))
        #expect(text.hasSuffix(#"{"detail":"state service unavailable"}"#))
    }

    @Test func theOpenAPIDocumentIsValidJSONDescribingEveryRoute() throws {
        guard
            case .respond(let response) = RequestPlan(
                for: HTTPRequestHead(method: .GET, path: Array("/openapi.json".utf8), version: .http10), limits: .init()
            )
        else {
            Issue.record("no document")
            return
        }
        guard case .object(let members) = try JSONParser.parse(response.body, maximumDepth: 64) else {
            Issue.record("not an object")
            return
        }
        #expect(members.first?.value == .string(Array("3.1.0".utf8)))
        let text = String(decoding: response.body, as: UTF8.self)
        for needle in [
            "/health", "/accounts/{account_number}/balance", "/accounts/{account_number}/deposit",
            "/accounts/{account_number}/withdraw", "/openapi.json", "/docs", "\"400\"", "\"404\"", "\"405\"", "\"411\"",
            "\"413\"", "\"415\"", "\"503\"", "Retry-After", "insufficient funds", "account not found",
        ] {
            #expect(text.contains(needle), "\(needle)")
        }
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
        for path in ["/deposit", "/withdraw", "/balance", "/health"] {
            #expect(text.contains(path))
        }
    }
}
