import ATMCore

/// A refused line or operation, as it travels in an `ERR <code> <message>` reply.
///
/// The code comes from the one table (``ErrorCode``); the message is the table's, or something more specific
/// the protocol said (which argument was malformed, how many seconds to wait).
public struct ProtocolError: Error, Sendable, Hashable {
    public let code: ErrorCode
    public let message: String

    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The refusal with the table's message for `code`.
    public init(_ code: ErrorCode) {
        self.init(code, code.described.message.withUTF8Buffer { String(decoding: $0, as: UTF8.self) })
    }
}
