import CPosix

extension FileDescriptor {
    /// The peer of the connected socket on this descriptor as text (`127.0.0.1:5000`, `[::1]:5000`, `unix`),
    /// or `nil` when it is not a connected socket.
    public var peerName: String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(rawValue, $0, &length) }
        }
        guard result == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            guard let ip = withUnsafeBytes(of: address.sin_addr, { InternetAddress.text(of: $0) }) else { return nil }
            return "\(ip):\(UInt16(bigEndian: address.sin_port))"
        case AF_INET6:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self) }
            guard let ip = withUnsafeBytes(of: address.sin6_addr, { InternetAddress.text(of: $0) }) else { return nil }
            return "[\(ip)]:\(UInt16(bigEndian: address.sin6_port))"
        case AF_UNIX: return "unix"
        default: return nil
        }
    }
}
