/// Who a client proved to be: the subject of its TLS certificate, as the front gave it (any bytes, up to 512).
///
/// What the access policy and rate limits go by, and what audit lines name; how it travels on the wire
/// (percent-encoded) is the protocol's business.
public struct ClientSubject: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// The longest subject accepted, in bytes.
    public static let maximumLength = 512

    public init?(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, bytes.count <= Self.maximumLength else { return nil }
        self.bytes = bytes
    }

    public init?(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// The subject for display and logs (invalid UTF-8 replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var description: String { text }
}
