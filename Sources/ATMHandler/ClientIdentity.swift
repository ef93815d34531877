import ATMBytes
import ATMCore
import ATMProtocol
import ATMSystem

/// Who the HTTP client is, as the front that ran this handler says: the subject of its TLS client
/// certificate (stunnel's `SSL_CLIENT_DN`), and the address it connected from. Behind a PROXY v2 terminator
/// (`ATM_PROXY_PROTOCOL=v2`) the header says both instead, and ``ProxyHeader/read(_:)`` gives this directly.
///
/// The handler only reports these to the daemon with each command; the daemon decides what they may do
/// (AccessControl), so the handler stays stateless. Without TLS there is no subject: the front is plain HTTP.
public struct ClientIdentity: Sendable, Hashable {
    /// The certificate subject; `nil` without TLS.
    public var subject: ClientSubject?
    /// The client's address without its port; `nil` when the front does not say and the input is no socket.
    public var address: ClientAddress?

    public init(subject: ClientSubject?, address: ClientAddress?) {
        self.subject = subject
        self.address = address
    }

    /// Reads `SSL_CLIENT_DN` and the address: `REMOTE_HOST` (stunnel; xinetd), `REMOTE_ADDR`, else the
    /// peer of `connection`.
    public static func current(environment: (String) -> String?, connection: FileDescriptor) -> ClientIdentity {
        let subject = environment("SSL_CLIENT_DN").flatMap { ClientSubject($0) }
        var address: ClientAddress? = nil
        if let text = environment("REMOTE_HOST") ?? environment("REMOTE_ADDR") {
            address = ClientAddress(Array(text.utf8)[...])
        } else if let peer = connection.peerName {
            address = ClientAddress(hostPart(of: Array(peer.utf8))[...])
        }
        return ClientIdentity(subject: subject, address: address)
    }

    /// `192.0.2.7:5000` → `192.0.2.7`, `[::1]:5000` → `::1`; anything else as it is.
    static func hostPart(of peer: [UInt8]) -> [UInt8] {
        if peer.first == UInt8(ascii: "["), let close = peer.firstIndex(of: UInt8(ascii: "]")) {
            return Array(peer[1..<close])
        }
        if let colon = peer.lastIndex(of: UInt8(ascii: ":")) { return Array(peer[..<colon]) }
        return peer
    }

    /// Appends the access log's `identity=` value: the subject quoted for logfmt, or `-`.
    public func appendLogValue<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        guard let subject else {
            line.append(UInt8(ascii: "-"))
            return
        }
        line.append(UInt8(ascii: "\""))
        for byte in subject.bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                line.append(UInt8(ascii: "\\"))
                line.append(byte)
            case 0x20..<0x7F: line.append(byte)
            default: line.append(UInt8(ascii: "?"))
            }
        }
        line.append(UInt8(ascii: "\""))
    }
}
