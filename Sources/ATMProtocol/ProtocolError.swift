/// The stable code of an `ERR` reply: machines match on it, people read the message after it.
public enum StateErrorCode: String, Sendable, Hashable, CaseIterable {
    case notFound = "not-found"
    case destinationNotFound = "destination-not-found"
    case insufficientFunds = "insufficient-funds"
    case limitExceeded = "limit-exceeded"
    case sameAccount = "same-account"
    case exists = "exists"
    /// The command's deadline passed before it could be applied: certainly not applied.
    case expired = "expired"
    /// The idempotency key was first used with another command.
    case keyReused = "key-reused"
    /// The first command with this idempotency key has not finished yet.
    case keyInProgress = "key-in-progress"
    /// The daemon cannot make changes durable now (its journal failed, its database is down):
    /// certainly not applied.
    case unavailable = "unavailable"
    /// The change was sent to the database and no answer came: it may have been applied.
    case unknown = "unknown"
    case badCommand = "bad-command"
    case badArgument = "bad-argument"
    case lineTooLong = "line-too-long"
    case busy = "busy"
    /// The access policy needs an identity for this command and the request had none.
    case unauthenticated = "unauthenticated"
    /// The access policy does not let this identity (or this peer user) do this command.
    case forbidden = "forbidden"
    /// Over the rate limit of this identity or address; the message starts with the seconds to wait.
    case rateLimited = "rate-limited"
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
