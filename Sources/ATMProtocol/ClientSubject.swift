import ATMBytes

/// Who a client proved to be: the subject of its TLS client certificate (`CN=terminal-0042, O=ATM network`),
/// as stunnel gives it in `SSL_CLIENT_DN`.
///
/// On a protocol line it travels percent-encoded (`identity=CN=terminal-0042,%20O=ATM%20network`):
/// a subject may hold spaces, which separate fields, and any byte at all. Every byte outside visible
/// ASCII, and `%` itself, is written as `%XX`, so the encoding is one-to-one.
public struct ClientSubject: Sendable, Hashable, CustomStringConvertible {
    /// The subject's bytes as the certificate gives them.
    public let bytes: [UInt8]

    /// The longest subject accepted (RFC 5280 bounds each attribute; a terminal's subject is short).
    public static let maximumLength = 512

    /// `nil` for an empty or over-long subject.
    public init?(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, bytes.count <= Self.maximumLength else { return nil }
        self.bytes = bytes
    }

    /// The subject of `text`, `nil` when empty or over-long.
    public init?(_ text: String) {
        self.init(Array(text.utf8))
    }

    /// The subject as text, for logs and policy files (invalid UTF-8 shown as U+FFFD).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public var description: String { text }

    /// The percent-encoded form that travels after `identity=`.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        write(to: &out)
        return out
    }

    /// Writes ``encoded`` into `out`.
    public func write<Sink: ByteSink & ~Copyable>(to out: inout Sink) {
        for byte in bytes {
            if byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "%") {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex: byte, uppercase: true)
            }
        }
    }

    /// Decodes the form ``encoded`` writes; `nil` for a stray `%`, a bad hex digit, or a subject that
    /// is empty or too long. A byte written as `%XX` that need not be is accepted.
    public init?(encoded: ArraySlice<UInt8>) {
        guard let bytes = ASCII.percentDecoded(encoded) else { return nil }
        self.init(bytes)
    }
}

/// The network address a client connected from (`192.0.2.7`, `::1`), without its port: what rate limits
/// count by when there is no certificate.
public struct ClientAddress: ProtocolToken {
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
