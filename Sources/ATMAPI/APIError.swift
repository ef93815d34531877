import ATMCore
import ATMMoney
import HTTP1

/// Every way a request can fail, each mapped to its status and its `{"detail": …}` sentence in one place.
///
/// A failure of the HTTP/1.1 codec arrives as ``read(_:)`` and keeps the status and sentence the codec
/// gives it; everything the API itself decides is a case of its own.
public enum APIError: Error, Sendable, Hashable {
    /// The request could not be read (framing, syntax, a limit, the deadline).
    case read(HTTPReadError)
    case lengthRequired
    case unsupportedMediaType
    case expectationFailed
    case notFound
    case methodNotAllowed(allow: String)
    case invalidBody(String)
    /// A query parameter the route takes has a bad value, or appears twice.
    case invalidQuery(String)
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
    public static func malformed(_ rule: String) -> APIError { .read(.malformed(rule)) }

    public var status: HTTPStatus { outcome.status }

    public var detail: String { outcome.detail }

    /// The status and sentence of every case, in the one switch.
    private var outcome: (status: HTTPStatus, detail: String) {
        switch self {
        case .read(let error): return (error.status, error.detail)
        case .lengthRequired: return (.lengthRequired, "a POST needs a Content-Length or a chunked body")
        case .unsupportedMediaType: return (.unsupportedMediaType, "the body must be application/json")
        case .expectationFailed: return (.expectationFailed, "only the expectation 100-continue is supported")
        case .notFound: return (.notFound, "not found")
        case .methodNotAllowed(let allow): return (.methodNotAllowed, "method not allowed; use \(allow)")
        case .invalidBody(let reason): return (.badRequest, reason)
        case .invalidQuery(let reason): return (.badRequest, reason)
        case .invalidAmount(let error): return (.badRequest, error.detail)
        case .invalidIdempotencyKey: return (.badRequest, "invalid Idempotency-Key header")
        case .misconfigured: return (.internalServerError, "the server is misconfigured; see its log")
        case .refused(let code): return Self.tabled(code)
        case .tooManyRequests: return Self.tabled(.rateLimited)
        case .unexpectedStateReply: return (.internalServerError, String(describingStatic: ErrorCode.unexpectedDetail))
        case .notReady(let reason): return (.serviceUnavailable, reason)
        }
    }

    /// The status and sentence the one table gives `code`.
    private static func tabled(_ code: ErrorCode) -> (status: HTTPStatus, detail: String) {
        let row = code.described
        return (HTTPStatus(code: row.httpStatus) ?? .internalServerError, String(describingStatic: row.httpDetail))
    }

    /// The response that reports this error.
    public var response: HTTPResponse {
        var response = HTTPResponse.detail(status, detail)
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
        return response
    }
}

extension String {
    /// The text of a literal.
    init(describingStatic literal: StaticString) {
        self = literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }
}
