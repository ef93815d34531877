import ATMMoney
import HTTP1

/// What the service does for a request, decided from its head alone, before any body is read.
public enum RequestPlan: Sendable, Equatable {
    /// A call to the state daemon.
    public enum Operation: Sendable, Hashable {
        case health
        case balance(AccountNumber)
        case deposit(AccountNumber)
        case withdraw(AccountNumber)
    }

    /// Answer at once with this response (the static documents).
    case respond(HTTPResponse)
    /// Answer at once with this error; any body is left unread.
    case fail(APIError)
    /// Call the daemon without reading a body.
    case call(Operation)
    /// Read the body, parse its amount, then call the daemon; `sendContinue` asks for a `100 Continue` first.
    case callWithAmount(Operation, sendContinue: Bool)

    /// Decides the plan; every check that needs no body happens here, so a refused request is never read further.
    public init(for head: HTTPRequestHead, limits: HTTPRequestReader.Limits) {
        var expectsContinue = false
        if let expectation = head.value(of: "expect") {
            guard HTTPSyntax.equalsIgnoringCase(expectation[...], "100-continue") else {
                self = .fail(.expectationFailed)
                return
            }
            expectsContinue = head.version == .http11
        }
        guard let route = Route(path: head.path) else {
            self = .fail(.notFound)
            return
        }
        guard route.allows(head.method) else {
            self = .fail(.methodNotAllowed(allow: route.allowHeader))
            return
        }
        switch route {
        case .health: self = .call(.health)
        case .openAPI: self = .respond(.json(.ok, OpenAPIDocument.json))
        case .docs:
            self = .respond(HTTPResponse(status: .ok, contentType: "text/html; charset=utf-8", body: DocsPage.html))
        case .balance(let account):
            self = account.map { .call(.balance($0)) } ?? .fail(.accountNotFound)
        case .deposit(let account), .withdraw(let account):
            guard let account else {
                self = .fail(.accountNotFound)
                return
            }
            if let failure = Self.bodyFailure(head, limits: limits) {
                self = .fail(failure)
                return
            }
            let operation: Operation = if case .deposit = route { .deposit(account) } else { .withdraw(account) }
            self = .callWithAmount(operation, sendContinue: expectsContinue)
        }
    }

    /// 411 without framing, 415 for a media type other than JSON, 413 for a declared length over the limit.
    private static func bodyFailure(_ head: HTTPRequestHead, limits: HTTPRequestReader.Limits) -> APIError? {
        if head.framing == .none { return .lengthRequired }
        if let contentType = head.value(of: "content-type") {
            let mediaType = HTTPSyntax.trimmingWhitespace(contentType.prefix { $0 != UInt8(ascii: ";") })
            guard HTTPSyntax.equalsIgnoringCase(mediaType, "application/json") else { return .unsupportedMediaType }
        }
        if case .contentLength(let length) = head.framing, length > limits.body {
            return .read(.bodyTooLarge(limit: limits.body))
        }
        return nil
    }
}
