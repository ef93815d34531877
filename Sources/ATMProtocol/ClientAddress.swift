import ATMBytes
import ATMCore

/// The network address a client connected from (`192.0.2.7`, `::1`), without its port: what rate limits
/// count by when there is no certificate.
public struct ClientAddress: VisibleToken {
    /// Room for the longest IPv6 text form with a zone.
    public static let maximumLength = 64
    public let text: String
    public init(unchecked text: String) { self.text = text }

    /// Whether this is a loopback address (`127.0.0.0/8`, `::1`, `::ffff:127.x.y.z`): a local client.
    public var isLoopback: Bool {
        let bytes = Array(text.utf8)[...]
        return ASCII.hasPrefix(bytes, "127.") || ASCII.equals(bytes, "::1") || ASCII.hasPrefix(bytes, "::ffff:127.")
    }
}
