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
    case accountNotFound
    case methodNotAllowed(allow: String)
    case invalidBody(String)
    /// A query parameter the route takes has a bad value, or appears twice.
    case invalidQuery(String)
    case invalidAmount(MoneyError)
    case insufficientFunds
    case balanceLimitExceeded
    case destinationNotFound
    case sameAccount
    case invalidIdempotencyKey
    case idempotencyKeyInProgress
    case idempotencyKeyReused
    /// The change was certainly not applied: retrying is safe (docs/http-api.md, Statuses).
    case stateUnavailable
    /// The change was handed to the daemon and no answer came: it may or may not have been applied.
    case outcomeUnknown
    /// The daemon answered something this handler does not expect: a bug on our side, logged.
    case unexpectedStateReply
    case misconfigured
    /// The access policy needs a client certificate for this and the request came without one.
    case authenticationRequired
    /// The client's identity may not do this (the access policy).
    case notAllowed
    /// Over the client's rate limit; retry after that many seconds.
    case tooManyRequests(retryAfterSeconds: Int)

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
        case .accountNotFound: return (.notFound, "account not found")
        case .methodNotAllowed(let allow): return (.methodNotAllowed, "method not allowed; use \(allow)")
        case .invalidBody(let reason): return (.badRequest, reason)
        case .invalidQuery(let reason): return (.badRequest, reason)
        case .invalidAmount(let error): return (.badRequest, error.detail)
        case .insufficientFunds: return (.badRequest, "insufficient funds")
        case .balanceLimitExceeded: return (.badRequest, "balance limit exceeded")
        case .destinationNotFound: return (.notFound, "destination account not found")
        case .sameAccount: return (.badRequest, "cannot transfer to the same account")
        case .invalidIdempotencyKey: return (.badRequest, "invalid Idempotency-Key header")
        case .idempotencyKeyInProgress: return (.conflict, "a request with this idempotency key is in progress")
        case .idempotencyKeyReused:
            return (.unprocessableContent, "idempotency key reused with a different request")
        case .stateUnavailable: return (.serviceUnavailable, "state service unavailable")
        case .outcomeUnknown:
            return (.gatewayTimeout, "the outcome of this request is unknown; retry it with the same Idempotency-Key")
        case .unexpectedStateReply:
            return (.internalServerError, "the state service answered unexpectedly; see the server log")
        case .misconfigured: return (.internalServerError, "the server is misconfigured; see its log")
        case .authenticationRequired: return (.unauthorized, "authentication required")
        case .notAllowed: return (.forbidden, "not allowed")
        case .tooManyRequests: return (.tooManyRequests, "too many requests")
        }
    }

    /// The response that reports this error.
    public var response: HTTPResponse {
        var response = HTTPResponse.detail(status, detail)
        switch self {
        case .methodNotAllowed(let allow): response.allow = allow
        case .stateUnavailable: response.retryAfterSeconds = 1
        case .tooManyRequests(let seconds): response.retryAfterSeconds = seconds
        case .authenticationRequired:
            // RFC 9110 §15.5.2: a 401 carries a challenge. The credential is a TLS client certificate, not an
            // HTTP one, so the scheme says that; no HTTP credential will ever be accepted.
            response.extraFields.append(
                HTTPField(name: "WWW-Authenticate", value: Array(#"TLS-Client-Certificate realm="atm""#.utf8)))
        default: break
        }
        return response
    }
}
