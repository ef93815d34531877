/// The stable code of an `ERR` reply: machines match on it, people read the message after it.
public enum StateErrorCode: String, Sendable, Hashable, CaseIterable {
    case notFound = "not-found"
    case insufficientFunds = "insufficient-funds"
    case limitExceeded = "limit-exceeded"
    case exists = "exists"
    case badCommand = "bad-command"
    case badArgument = "bad-argument"
    case lineTooLong = "line-too-long"
    case busy = "busy"
    case timeout = "timeout"
}

/// A refused line or operation, as it travels in an `ERR <code> <message>` reply.
public struct ProtocolError: Error, Sendable, Hashable {
    public let code: StateErrorCode
    public let message: String

    public init(_ code: StateErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
