import ATMBytes
import ATMCore
import ATMProtocol
import ATMSystem

/// The reader of the PROXY protocol version 2 header (haproxy's proxy-protocol.txt) that a long-lived TLS
/// terminator sends before the client's first byte: who connected, and what its verified certificate says.
///
/// Read strictly and only when `ATM_PROXY_PROTOCOL=v2` says a proxy is in front; the connection's peer is then
/// the proxy, so the client's address and identity can only come from here, and the reader gives them as the
/// ``ClientIdentity`` the handler reports (a nil address for the proxy's own LOCAL connections and for families
/// without one, a nil subject when the client showed no certificate). The certificate subject travels in the
/// unique-id TLV (`unique-id-format %[ssl_c_s_dn(,0,rfc2253)]` with `proxy-v2-options unique-id`), because the
/// SSL TLV carries only the common name; it is rewritten to the order and separators of stunnel's
/// `SSL_CLIENT_DN` (`O=ATM network, CN=terminal-0042`), so an access policy names a client the same way behind
/// either front.
public enum ProxyHeader {
    /// The twelve bytes every version 2 header starts with.
    public static let signature: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A]
    /// The fixed part: signature, version and command, family, and the length of the rest.
    public static let fixedLength = 16
    /// The longest header accepted: addresses, a subject of ``ClientSubject/maximumLength`` and room for the
    /// proxy's other TLVs. A terminator sends far less; anything longer is refused before it is buffered.
    public static let maximumLength = 2048

    /// What the bytes read so far come to.
    public enum Reading: Sendable, Hashable {
        /// Not a whole header yet, and nothing wrong so far.
        case needMore
        /// A whole header of `length` bytes naming the client; the client's own bytes follow it.
        case header(ClientIdentity, length: Int)
        case failure(ProxyHeaderError)
    }

    /// Parses the header at the start of `bytes` (the connection's first bytes).
    public static func read(_ bytes: ArraySlice<UInt8>) -> Reading {
        let start = bytes.startIndex
        for (offset, byte) in zip(0..<min(bytes.count, signature.count), bytes) where byte != signature[offset] {
            return .failure(.notAProxyHeader(offset: offset))
        }
        guard bytes.count >= fixedLength else { return .needMore }
        let versionAndCommand = bytes[start + 12]
        guard versionAndCommand >> 4 == 2 else { return .failure(.unsupportedVersion(versionAndCommand >> 4)) }
        let isLocal: Bool
        switch versionAndCommand & 0x0F {
        case 0: isLocal = true
        case 1: isLocal = false
        case let command: return .failure(.unknownCommand(command))
        }
        let family = bytes[start + 13]
        let rest = Int(bytes[start + 14]) << 8 | Int(bytes[start + 15])
        let length = fixedLength + rest
        guard length <= maximumLength else { return .failure(.tooLong(length)) }
        guard bytes.count >= length else { return .needMore }
        let body = bytes[(start + fixedLength)..<(start + length)]
        let addressLength: Int
        switch family {
        case 0x00: addressLength = 0  // UNSPEC
        case 0x11: addressLength = 12  // TCP over IPv4
        case 0x21: addressLength = 36  // TCP over IPv6
        case 0x31: addressLength = 216  // a Unix stream socket
        default: return .failure(.unsupportedFamily(family))
        }
        guard body.count >= addressLength else { return .failure(.addressTruncated(family: family)) }
        var client = ClientIdentity(subject: nil, address: nil)
        if !isLocal {
            let source = body.prefix(family == 0x11 ? 4 : family == 0x21 ? 16 : 0)
            if let text = InternetAddress.text(of: source) { client.address = ClientAddress(Array(text.utf8)[...]) }
        }
        switch parseTLVs(body.dropFirst(addressLength)) {
        case .failure(let error): return .failure(error)
        case .success(let found):
            if isLocal { return .header(client, length: length) }  // the proxy's own check: no client behind it
            if let ssl = found.ssl, ssl.certificate {
                guard ssl.verify == 0 else { return .failure(.certificateNotVerified(ssl.verify)) }
                guard let name = found.uniqueID, !name.isEmpty else { return .failure(.noSubject) }
                guard let subject = ClientSubject(SubjectName.stunnelOrder(fromRFC2253: name)) else {
                    return .failure(.subjectTooLong)
                }
                client.subject = subject
            }
            return .header(client, length: length)
        }
    }

    /// The SSL TLV's verdict: whether a client certificate was shown, and OpenSSL's verification result.
    struct SSLFacts: Hashable {
        var certificate: Bool
        var verify: UInt32
    }

    struct TLVs: Hashable {
        var ssl: SSLFacts?
        var uniqueID: ArraySlice<UInt8>?
    }

    /// Walks the type-length-value list after the addresses; every one must fit exactly.
    static func parseTLVs(_ bytes: ArraySlice<UInt8>) -> Result<TLVs, ProxyHeaderError> {
        var found = TLVs()
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes.endIndex - index >= 3 else { return .failure(.tlvTruncated(offset: index - bytes.startIndex)) }
            let type = bytes[index]
            let length = Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            let valueStart = index + 3
            guard bytes.endIndex - valueStart >= length else {
                return .failure(.tlvTruncated(offset: index - bytes.startIndex))
            }
            let value = bytes[valueStart..<(valueStart + length)]
            switch type {
            case 0x05:  // PP2_TYPE_UNIQUE_ID
                guard found.uniqueID == nil else { return .failure(.repeatedTLV(type)) }
                found.uniqueID = value
            case 0x20:  // PP2_TYPE_SSL: client flags (1 byte), verify result (4 bytes), then sub-TLVs
                guard found.ssl == nil else { return .failure(.repeatedTLV(type)) }
                guard value.count >= 5 else { return .failure(.sslTLVTruncated) }
                let flags = value[value.startIndex]
                var verify: UInt32 = 0
                for byte in value[(value.startIndex + 1)..<(value.startIndex + 5)] {
                    verify = verify << 8 | UInt32(byte)
                }
                // PP2_CLIENT_CERT_CONN (0x02) or PP2_CLIENT_CERT_SESS (0x04): a certificate on this connection
                // or on the session it resumed.
                found.ssl = SSLFacts(certificate: flags & 0x06 != 0, verify: verify)
            default: break  // ALPN, authority, CRC32C, NOOP, the proxy's own: not ours to judge
            }
            index = valueStart + length
        }
        return .success(found)
    }
}
