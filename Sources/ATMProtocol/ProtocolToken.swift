import ATMBytes

/// A client-chosen token that travels on a protocol line: 1 to `maximumLength` visible ASCII bytes.
///
/// Visible ASCII (`%x21-7E`, RFC 5234's VCHAR) never contains the space that separates fields,
/// so a token is written as it is, with no escaping to get wrong.
public protocol ProtocolToken: Sendable, Hashable, CustomStringConvertible {
    static var maximumLength: Int { get }
    var text: String { get }
    init(unchecked text: String)
}

extension ProtocolToken {
    /// `nil` unless `bytes` are 1 to `maximumLength` visible ASCII bytes.
    public init?(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty, bytes.count <= Self.maximumLength else { return nil }
        for byte in bytes where byte < 0x21 || byte > 0x7E { return nil }
        self.init(unchecked: String(decoding: bytes, as: UTF8.self))
    }

    public var description: String { text }
}

/// An `Idempotency-Key`: the client's name for one intended change, so a retry cannot apply it twice.
public struct IdempotencyKey: ProtocolToken {
    public static let maximumLength = 255
    public let text: String
    public init(unchecked text: String) { self.text = text }
}

/// An `X-Request-ID`: ties the access log line, the daemon's audit line and the response together.
public struct RequestID: ProtocolToken {
    public static let maximumLength = 128
    public let text: String
    public init(unchecked text: String) { self.text = text }
}
