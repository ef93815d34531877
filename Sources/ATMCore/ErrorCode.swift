import ATMBytes

/// Every way an operation or a protocol line can be refused: the one table of codes, their wire names,
/// their messages and the HTTP status and detail a client sees (docs/protocol.md, Errors).
///
/// The raw value is the code's number in binary formats (journal records, snapshots): stable, never reused.
/// The name is stable on the wire and meant for machines; the message is for people and may change.
public enum ErrorCode: UInt8, Error, Sendable, Hashable, CaseIterable {
    case notFound = 1
    case destinationNotFound = 2
    case insufficientFunds = 3
    case limitExceeded = 4
    case sameAccount = 5
    case exists = 6
    /// The deadline passed before the operation could be applied: certainly not applied.
    case expired = 7
    /// The idempotency key was first used with another operation.
    case keyReused = 8
    /// The first operation with this idempotency key has not finished yet.
    case keyInProgress = 9
    /// Changes cannot be made durable now (the journal failed, the database is unreachable): certainly not applied.
    case unavailable = 10
    /// The change may or may not have been applied (a failed fsync, a commit that got no answer).
    case unknown = 11
    case badCommand = 12
    case badArgument = 13
    case lineTooLong = 14
    case busy = 15
    /// The access policy needs an identity for this and the request had none.
    case unauthenticated = 16
    /// The access policy does not let this identity (or this peer user) do this.
    case forbidden = 17
    /// Over the rate limit of this identity or address; the message starts with the seconds to wait.
    case rateLimited = 18
    case timeout = 19

    /// One row of the table.
    public struct Description: Sendable {
        /// The code on the wire (`ERR <name> …`).
        public let name: StaticString
        /// What a person at the socket reads when nothing more specific is said.
        public let message: StaticString
        /// The HTTP status a handler answers with.
        public let httpStatus: Int
        /// The `detail` sentence of that HTTP response.
        public let httpDetail: StaticString
    }

    /// Said for a refusal the handler cannot explain to its client: a bug on our side, logged.
    public static let unexpectedDetail: StaticString = "the state service answered unexpectedly; see the server log"
    /// Said for every refusal that certainly applied nothing and may be retried.
    public static let unavailableDetail: StaticString = "state service unavailable"

    /// The table.
    public var described: Description {
        switch self {
        case .notFound: return Description("not-found", "account not found", 404, "account not found")
        case .destinationNotFound:
            return Description(
                "destination-not-found", "destination account not found", 404, "destination account not found")
        case .insufficientFunds:
            return Description("insufficient-funds", "insufficient funds", 400, "insufficient funds")
        case .limitExceeded:
            return Description("limit-exceeded", "balance limit exceeded", 400, "balance limit exceeded")
        case .sameAccount:
            return Description(
                "same-account", "cannot transfer to the same account", 400, "cannot transfer to the same account")
        case .exists: return Description("exists", "account already exists", 500, Self.unexpectedDetail)
        case .expired:
            return Description(
                "expired", "the command's deadline passed before it could be applied", 503, Self.unavailableDetail)
        case .keyReused:
            return Description(
                "key-reused", "idempotency key reused with a different request", 422,
                "idempotency key reused with a different request")
        case .keyInProgress:
            return Description(
                "key-in-progress", "a request with this idempotency key is in progress", 409,
                "a request with this idempotency key is in progress")
        case .unavailable:
            return Description(
                "unavailable",
                "changes cannot be made durable now (journal failed or database unreachable); nothing was applied",
                503, Self.unavailableDetail)
        case .unknown:
            return Description(
                "unknown",
                "the change may or may not have been applied (failed fsync or unanswered commit); retry with the same key",
                504, "the outcome of this request is unknown; retry it with the same Idempotency-Key")
        case .badCommand: return Description("bad-command", "unknown command; try HELP", 500, Self.unexpectedDetail)
        case .badArgument:
            return Description("bad-argument", "malformed argument; see HELP", 500, Self.unexpectedDetail)
        case .lineTooLong: return Description("line-too-long", "the line is too long", 500, Self.unexpectedDetail)
        case .busy: return Description("busy", "too many clients; try again", 503, Self.unavailableDetail)
        case .unauthenticated:
            return Description("unauthenticated", "authentication required", 401, "authentication required")
        case .forbidden: return Description("forbidden", "not allowed", 403, "not allowed")
        case .rateLimited: return Description("rate-limited", "1 too many requests", 429, "too many requests")
        case .timeout:
            return Description("timeout", "no complete line within the idle timeout", 500, Self.unexpectedDetail)
        }
    }

    /// The code named `name` on the wire, or nil.
    public init?(name: ArraySlice<UInt8>) {
        for code in Self.allCases where ASCII.equals(name, code.described.name) {
            self = code
            return
        }
        return nil
    }

    /// The code's wire name as a String (logs, metric labels).
    public var name: String { described.name.withUTF8Buffer { String(decoding: $0, as: UTF8.self) } }

    /// Whether the refusal leaves nothing applied for certain, so a client may retry it as it is.
    public var isCertainlyNotApplied: Bool { self != .unknown && self != .keyInProgress }
}

extension ErrorCode.Description {
    fileprivate init(_ name: StaticString, _ message: StaticString, _ httpStatus: Int, _ httpDetail: StaticString) {
        self.init(name: name, message: message, httpStatus: httpStatus, httpDetail: httpDetail)
    }
}
