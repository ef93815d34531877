import ATMBytes

/// Every way an operation or a protocol line can be refused: the one table of codes, their wire names,
/// their messages and the HTTP status and detail a client sees, in each language (docs/protocol.md, Errors;
/// docs/http-api.md, Languages).
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
        /// What a person at the socket reads when nothing more specific is said (English: the protocol has no
        /// language negotiation).
        public let message: StaticString
        /// The HTTP status a handler answers with.
        public let httpStatus: Int
        /// The `detail` sentence of that HTTP response, in every language the handler speaks.
        public let httpDetail: LocalizedText
    }

    /// Said for a refusal the handler cannot explain to its client: a bug on our side, logged.
    public static let unexpectedDetail = LocalizedText(
        english: "the state service answered unexpectedly; see the server log",
        german: "der Zustandsdienst hat unerwartet geantwortet; Einzelheiten stehen im Serverprotokoll")
    /// Said for every refusal that certainly applied nothing and may be retried.
    public static let unavailableDetail = LocalizedText(
        english: "state service unavailable", german: "Zustandsdienst nicht verfügbar")

    /// The table.
    public var described: Description {
        switch self {
        case .notFound:
            return Description(
                "not-found", "account not found", 404,
                LocalizedText(english: "account not found", german: "Konto nicht gefunden"))
        case .destinationNotFound:
            return Description(
                "destination-not-found", "destination account not found", 404,
                LocalizedText(english: "destination account not found", german: "Zielkonto nicht gefunden"))
        case .insufficientFunds:
            return Description(
                "insufficient-funds", "insufficient funds", 400,
                LocalizedText(english: "insufficient funds", german: "Guthaben nicht ausreichend"))
        case .limitExceeded:
            return Description(
                "limit-exceeded", "balance limit exceeded", 400,
                LocalizedText(english: "balance limit exceeded", german: "Höchstgrenze des Kontostands überschritten"))
        case .sameAccount:
            return Description(
                "same-account", "cannot transfer to the same account", 400,
                LocalizedText(
                    english: "cannot transfer to the same account",
                    german: "eine Überweisung auf dasselbe Konto ist nicht möglich"))
        case .exists: return Description("exists", "account already exists", 500, Self.unexpectedDetail)
        case .expired:
            return Description(
                "expired", "the command's deadline passed before it could be applied", 503, Self.unavailableDetail)
        case .keyReused:
            return Description(
                "key-reused", "idempotency key reused with a different request", 422,
                LocalizedText(
                    english: "idempotency key reused with a different request",
                    german: "Idempotenzschlüssel für eine andere Anfrage wiederverwendet"))
        case .keyInProgress:
            return Description(
                "key-in-progress", "a request with this idempotency key is in progress", 409,
                LocalizedText(
                    english: "a request with this idempotency key is in progress",
                    german: "eine Anfrage mit diesem Idempotenzschlüssel wird gerade bearbeitet"))
        case .unavailable:
            return Description(
                "unavailable",
                "changes cannot be made durable now (journal failed or database unreachable); nothing was applied",
                503, Self.unavailableDetail)
        case .unknown:
            return Description(
                "unknown",
                "the change may or may not have been applied (failed fsync or unanswered commit); retry with the same key",
                504,
                LocalizedText(
                    english: "the outcome of this request is unknown; retry it with the same Idempotency-Key",
                    german:
                        "das Ergebnis dieser Anfrage ist unbekannt; wiederholen Sie sie mit demselben Idempotency-Key"))
        case .badCommand: return Description("bad-command", "unknown command; try HELP", 500, Self.unexpectedDetail)
        case .badArgument:
            return Description("bad-argument", "malformed argument; see HELP", 500, Self.unexpectedDetail)
        case .lineTooLong: return Description("line-too-long", "the line is too long", 500, Self.unexpectedDetail)
        case .busy: return Description("busy", "too many clients; try again", 503, Self.unavailableDetail)
        case .unauthenticated:
            return Description(
                "unauthenticated", "authentication required", 401,
                LocalizedText(english: "authentication required", german: "Authentifizierung erforderlich"))
        case .forbidden:
            return Description(
                "forbidden", "not allowed", 403, LocalizedText(english: "not allowed", german: "nicht erlaubt"))
        case .rateLimited:
            return Description(
                "rate-limited", "1 too many requests", 429,
                LocalizedText(english: "too many requests", german: "zu viele Anfragen"))
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
    fileprivate init(_ name: StaticString, _ message: StaticString, _ httpStatus: Int, _ httpDetail: LocalizedText) {
        self.init(name: name, message: message, httpStatus: httpStatus, httpDetail: httpDetail)
    }
}
