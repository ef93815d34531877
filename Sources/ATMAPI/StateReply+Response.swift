import ATMBytes
import ATMCore
import ATMProtocol
import HTTP1

extension StateReply {
    /// The HTTP response for this reply from the daemon, as to a request without `Accept-Language`.
    public var response: HTTPResponse { negotiatedResponse(for: nil) }

    /// The HTTP response for this reply from the daemon to the request whose head is `head`, in one switch.
    ///
    /// The daemon answers codes, never sentences for a client: an error is rendered here, from the one
    /// table, in the language `head`'s `Accept-Language` picks (``APIError/negotiatedResponse(for:)``). A stored
    /// outcome replays as the same status and body plus `Idempotent-Replayed: true` (the same body for the
    /// same language). An error code a handler never expects (`bad-argument`, `line-too-long`, …) means a
    /// bug on our side: 500, and the caller logs it.
    public func negotiatedResponse(for head: HTTPRequestHead?) -> HTTPResponse {
        switch self {
        case .balance(let account, let balance): return .balance(account, balance)
        case .accounts(let accounts): return .health(accounts)
        case .history(let account, let entries): return .transactions(account, entries)
        case .replayed(let original):
            var response = original.negotiatedResponse(for: head)
            response.extraFields.append(HTTPField(name: "Idempotent-Replayed", value: Array("true".utf8)))
            return response
        case .error(let error): return Self.apiError(for: error).negotiatedResponse(for: head)
        case .pong, .bye, .help, .ready: return APIError.unexpectedStateReply.negotiatedResponse(for: head)
        }
    }

    /// Whether the response is a 500 for a reply the handler does not expect, to be logged with its text.
    public var isUnexpected: Bool {
        switch self {
        case .balance, .accounts, .history: return false
        case .replayed(let original): return original.isUnexpected
        case .error(let error): return error.code.described.httpStatus == 500
        case .pong, .bye, .help, .ready: return true
        }
    }

    /// The seconds a `rate-limited` message starts with (1 to 86400; 1 when it does not).
    private static func retryAfterSeconds(in message: String) -> Int {
        let digits = Array(message.utf8.prefix(while: ASCII.isDigit))
        guard let seconds = DecimalDigits.parse(digits[...], in: 1...86_400) else { return 1 }
        return Int(seconds)
    }

    private static func apiError(for error: ProtocolError) -> APIError {
        if error.code == .rateLimited {
            return .tooManyRequests(retryAfterSeconds: retryAfterSeconds(in: error.message))
        }
        return .refused(error.code)
    }
}
