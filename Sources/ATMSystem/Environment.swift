import CPosix

/// Read-only access to the process environment, at the edge where configuration enters.
public enum Environment {
    /// The variable's value, or `nil` when it is unset.
    public static func value(_ name: String) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The variable's raw bytes, or `nil` when it is unset; for values parsed as bytes.
    public static func bytes(_ name: String) -> [UInt8]? {
        name.withCString { cName in
            guard let raw = getenv(cName) else { return nil }
            return Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw)))
        }
    }

    /// Removes a variable, so that child processes do not inherit it.
    public static func remove(_ name: String) {
        unsetenv(name)
    }
}

/// Facts about the running process.
public enum CurrentProcess {
    /// Ends the process at once with `status`, without running anything else.
    public static func exit(_ status: Int32) -> Never {
        CPosix.exit(status)
    }

    /// The peer of a connected socket on `descriptor` as text (`127.0.0.1:5000`, `[::1]:5000`, `unix`), or `nil`.
    public static func peerName(of descriptor: FileDescriptor) -> String? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(descriptor.rawValue, $0, &length) }
        }
        guard result == 0 else { return nil }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var ip = address.pointee.sin_addr
                    inet_ntop(AF_INET, &ip, &text, socklen_t(text.count))
                    return "\(Self.string(text)):\(UInt16(bigEndian: address.pointee.sin_port))"
                }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var ip = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count))
                    return "[\(Self.string(text))]:\(UInt16(bigEndian: address.pointee.sin6_port))"
                }
            }
        case AF_UNIX: return "unix"
        default: return nil
        }
    }

    private static func string(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
