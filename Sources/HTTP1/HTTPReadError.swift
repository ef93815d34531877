/// Why a request could not be read: framing or syntax RFC 9112 refuses, or a limit it passed.
///
/// The codec knows which status each rule calls for (414, 431, 501, 505, …), so the status lives here;
/// `ATMAPI.APIError` wraps this error and its message table says it as `{"detail": …}` in each language.
public enum HTTPReadError: Error, Sendable, Hashable {
    /// Framing or syntax that RFC 9112 says to reject, and which rule.
    case malformed(FramingRule)
    /// The whole request did not arrive before the deadline.
    case requestTimeout
    case bodyTooLarge(limit: Int)
    case targetTooLong(limit: Int)
    case headersTooLarge(limit: Int)
    case methodNotImplemented
    case transferCodingNotImplemented
    case versionNotSupported

    /// The status RFC 9110 and RFC 9112 give this failure.
    public var status: HTTPStatus {
        switch self {
        case .malformed: return .badRequest
        case .requestTimeout: return .requestTimeout
        case .bodyTooLarge: return .contentTooLarge
        case .targetTooLong: return .uriTooLong
        case .headersTooLarge: return .headerFieldsTooLarge
        case .methodNotImplemented, .transferCodingNotImplemented: return .notImplemented
        case .versionNotSupported: return .versionNotSupported
        }
    }
}
