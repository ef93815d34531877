import CPosix

/// An IP address as text, from its bytes in network order: what `inet_ntop(3)` writes.
///
/// The one conversion for every address the project shows, a socket's peer (``FileDescriptor/peerName``) and
/// the source a PROXY header names, so both spell an address alike. glibc's and musl's `inet_ntop` both write
/// IPv6 as RFC 5952 §4 says (lowercase, no leading zeros, the longest run of two or more zero groups as `::`,
/// the first of equal runs) and an IPv4-mapped address as §5 does (`::ffff:192.0.2.7`).
public enum InternetAddress {
    /// The text of a 4-byte IPv4 or a 16-byte IPv6 address; `nil` for any other length.
    public static func text<Bytes: Collection<UInt8>>(of bytes: Bytes) -> String? {
        let family: Int32
        switch bytes.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        // Room for either family: inet_ntop reads the first 4 bytes of it for AF_INET.
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
        // On the stack, and decoded in place: this runs once in every proxied handler's short life.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(INET6_ADDRSTRLEN)) { text in
            let written = text.withMemoryRebound(to: CChar.self) {
                inet_ntop(family, &address, $0.baseAddress, socklen_t($0.count))
            }
            guard written != nil, let end = text.firstIndex(of: 0) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: text[..<end]), as: UTF8.self)
        }
    }
}
