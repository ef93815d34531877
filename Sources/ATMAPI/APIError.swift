import ATMCore
import ATMMoney
import HTTP1

/// Every way a request can fail, each mapped to its status and its `{"detail": …}` sentence, in every
/// language, in one place: the message table (docs/http-api.md, Languages).
///
/// A failure of the HTTP/1.1 codec arrives as ``read(_:)`` and keeps the status the codec gives it; its
/// sentence, like every other, is a row here (the rows for the codec and for bodies live in
/// `APIError+ReadSentences.swift` and `APIError+BodySentences.swift`); a refusal with an ``ErrorCode``
/// takes its row from that code's table.
public enum APIError: Error, Sendable, Hashable {
    /// The request could not be read (framing, syntax, a limit, the deadline).
    case read(HTTPReadError)
    case lengthRequired
    case unsupportedMediaType
    case expectationFailed
    case notFound
    case methodNotAllowed(allow: String)
    case invalidBody(BodyProblem)
    /// A query parameter the route takes has a bad value, or appears twice.
    case invalidQuery(QueryProblem)
    case invalidAmount(MoneyError)
    case invalidIdempotencyKey
    case misconfigured
    /// Refused for a reason in the one table of error codes, which gives its status and sentence: by the daemon,
    /// or by the API itself for the same reason before asking (an account segment that names no account, a
    /// transfer to the same account, a daemon that cannot be reached).
    case refused(ErrorCode)
    /// Over the client's rate limit (``ErrorCode/rateLimited``); retry after that many seconds.
    case tooManyRequests(retryAfterSeconds: Int)
    /// The daemon answered something this handler does not expect: a bug on our side, logged.
    case unexpectedStateReply
    /// `/health/ready`: the daemon is up but cannot serve changes now (its sentence says why).
    case notReady(String)

    public static let accountNotFound = APIError.refused(.notFound)
    public static let destinationNotFound = APIError.refused(.destinationNotFound)
    public static let insufficientFunds = APIError.refused(.insufficientFunds)
    public static let balanceLimitExceeded = APIError.refused(.limitExceeded)
    public static let sameAccount = APIError.refused(.sameAccount)
    public static let idempotencyKeyInProgress = APIError.refused(.keyInProgress)
    public static let idempotencyKeyReused = APIError.refused(.keyReused)
    /// The change was certainly not applied: retrying is safe (docs/http-api.md, Statuses).
    public static let stateUnavailable = APIError.refused(.unavailable)
    /// The change was handed to the daemon and no answer came: it may or may not have been applied.
    public static let outcomeUnknown = APIError.refused(.unknown)
    /// The access policy needs a client certificate for this and the request came without one.
    public static let authenticationRequired = APIError.refused(.unauthenticated)
    /// The client's identity may not do this (the access policy).
    public static let notAllowed = APIError.refused(.forbidden)

    /// Shorthand for a framing failure decided above the reader (a request cut short).
    public static func malformed(_ rule: FramingRule) -> APIError { .read(.malformed(rule)) }

    public var status: HTTPStatus { outcome(in: .english).status }

    /// The sentence in English, the default: the contract's text.
    public var detail: String { outcome(in: .english).detail }

    /// The sentence in `language`.
    public func detail(in language: Language) -> String { outcome(in: language).detail }

    /// The status and sentence of every case in every language, in the one switch: with ``ErrorCode``'s
    /// table, the message table of everything the API says (docs/http-api.md, Languages).
    ///
    /// Each row gives its sentence in each language side by side; a language is added by a parameter of
    /// ``Language/choose(english:german:)`` (and a column of ``LocalizedText``), which makes the compiler
    /// name every row still to translate.
    private func outcome(in language: Language) -> (status: HTTPStatus, detail: String) {
        switch self {
        case .read(let error): return (error.status, Self.detail(of: error, in: language))
        case .lengthRequired:
            return (
                .lengthRequired,
                language.choose(
                    english: "a POST needs a Content-Length or a chunked body",
                    german: "ein POST braucht eine Content-Length oder einen Body mit chunked-Kodierung")
            )
        case .unsupportedMediaType:
            return (
                .unsupportedMediaType,
                language.choose(
                    english: "the body must be application/json", german: "der Body muss application/json sein")
            )
        case .expectationFailed:
            return (
                .expectationFailed,
                language.choose(
                    english: "only the expectation 100-continue is supported",
                    german: "nur die Erwartung 100-continue wird unterstützt")
            )
        case .notFound: return (.notFound, language.choose(english: "not found", german: "nicht gefunden"))
        case .methodNotAllowed(let allow):
            return (
                .methodNotAllowed,
                language.choose(
                    english: "method not allowed; use \(allow)", german: "Methode nicht erlaubt; verwenden Sie \(allow)"
                )
            )
        case .invalidBody(let problem): return (.badRequest, Self.detail(of: problem, in: language))
        case .invalidQuery(let problem): return (.badRequest, Self.detail(of: problem, in: language))
        case .invalidAmount(let error): return (.badRequest, Self.detail(of: error, in: language))
        case .invalidIdempotencyKey:
            return (
                .badRequest,
                language.choose(
                    english: "invalid Idempotency-Key header", german: "ungültiger Idempotency-Key-Header")
            )
        case .misconfigured:
            return (
                .internalServerError,
                language.choose(
                    english: "the server is misconfigured; see its log",
                    german: "der Server ist falsch konfiguriert; Einzelheiten stehen in seinem Protokoll")
            )
        case .refused(let code): return Self.tabled(code, in: language)
        case .tooManyRequests: return Self.tabled(.rateLimited, in: language)
        case .unexpectedStateReply:
            return (.internalServerError, String(describingStatic: ErrorCode.unexpectedDetail.text(in: language)))
        case .notReady(let reason):
            return (
                .serviceUnavailable,
                language.choose(english: reason, german: "der Dienst ist nicht bereit; atm-stated meldet: \(reason)")
            )
        }
    }

    /// The status and sentence the one table gives `code`.
    private static func tabled(
        _ code: ErrorCode, in language: Language
    ) -> (status: HTTPStatus, detail: String) {
        let row = code.described
        return (
            HTTPStatus(code: row.httpStatus) ?? .internalServerError,
            String(describingStatic: row.httpDetail.text(in: language))
        )
    }

    /// The response that reports this error, in English and without `Content-Language`: as for a request
    /// that sends no `Accept-Language`.
    public var response: HTTPResponse { response(in: .english, announcing: false) }

    /// The response that reports this error to the request whose head is `head` (`nil`: a request too broken
    /// to have one): in the language its `Accept-Language` picks, with `Content-Language` and
    /// `Vary: Accept-Language` when it sends that field, and exactly ``response`` when it does not.
    public func negotiatedResponse(for head: HTTPRequestHead?) -> HTTPResponse {
        guard let negotiated = DetailLanguage(negotiatingFor: head) else { return response }
        return response(in: negotiated.language, announcing: true)
    }

    /// The response in `language`; `announcing` adds `Content-Language` and `Vary`.
    private func response(in language: Language, announcing: Bool) -> HTTPResponse {
        let said = outcome(in: language)
        var response = HTTPResponse.detail(said.status, said.detail)
        switch self {
        case .methodNotAllowed(let allow): response.allow = allow
        // CONTRACT.md: a 503 is said only when nothing was applied, and always with Retry-After: 1.
        case .refused(let code) where code.described.httpStatus == 503: response.retryAfterSeconds = 1
        case .notReady: response.retryAfterSeconds = 1
        case .tooManyRequests(let seconds): response.retryAfterSeconds = seconds
        case .refused(.unauthenticated):
            // RFC 9110 §15.5.2: a 401 carries a challenge. The credential is a TLS client certificate, not an
            // HTTP one, so the scheme says that; no HTTP credential will ever be accepted.
            response.extraFields.append(
                HTTPField(name: "WWW-Authenticate", value: Array(#"TLS-Client-Certificate realm="atm""#.utf8)))
        default: break
        }
        if announcing { response.announceLanguage(language) }
        return response
    }
}

extension String {
    /// The text of a literal.
    init(describingStatic literal: StaticString) {
        self = literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }
}
