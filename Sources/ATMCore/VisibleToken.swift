import ATMBytes

/// A short string of visible ASCII (0x21–0x7E), bounded in length: an idempotency key, a request id.
///
/// Checked once where it enters (a header, a protocol attribute, a record), so every holder can trust it.
public protocol VisibleToken: Sendable, Hashable, CustomStringConvertible {
    /// The longest value accepted, in bytes.
    static var maximumLength: Int { get }
    /// The value, visible ASCII only.
    var text: String { get }
    /// Wraps `text` that the caller has already checked.
    init(unchecked text: String)
}

extension VisibleToken {
    /// The token spelled by `bytes`, or nil when they are empty, too long, or not all visible ASCII.
    public init?(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty, bytes.count <= Self.maximumLength else { return nil }
        for byte in bytes where byte < 0x21 || byte > 0x7E { return nil }
        self.init(unchecked: String(decoding: bytes, as: UTF8.self))
    }

    public var description: String { text }
}

/// A client's `Idempotency-Key`: 1 to 255 visible ASCII characters (CONTRACT.md, Idempotency-Key).
public struct IdempotencyKey: VisibleToken {
    public static let maximumLength = 255
    public let text: String
    public init(unchecked text: String) { self.text = text }
}

/// The HTTP request an operation serves (`X-Request-ID`): 1 to 128 visible ASCII characters.
public struct RequestID: VisibleToken {
    public static let maximumLength = 128
    public let text: String
    public init(unchecked text: String) { self.text = text }
}
