import CPosix

/// A `sockaddr_un` for a path, or for an abstract name when the path starts with `@` (as NOTIFY_SOCKET may).
package struct UnixSocketAddress {
    private var storage = sockaddr_un()
    package private(set) var length: socklen_t = 0

    /// `nil` when the path is empty or does not fit in `sun_path` (107 bytes and a NUL).
    package init?(path: String) {
        var bytes = Array(path.utf8)
        guard !bytes.isEmpty, !bytes.contains(0) else { return nil }
        let isAbstract = bytes[0] == UInt8(ascii: "@")
        if isAbstract { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard bytes.count < capacity else { return nil }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        // sun_path is the last field and the structure has no trailing padding (Linux: 2 + 108 bytes), so its
        // offset is the size less its capacity. Not `offset(of: \.sun_path)`: Embedded Swift 6 has no key paths.
        let pathOffset = MemoryLayout<sockaddr_un>.size - capacity
        length = socklen_t(pathOffset + bytes.count + (isAbstract ? 0 : 1))
    }

    /// Calls `body` with the address as the `sockaddr` pointer the socket calls take.
    package func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafePointer(to: storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}

/// Facts about Unix socket paths that configurations check before anything binds or connects.
public enum UnixSocketPath {
    /// The longest path `sun_path` holds: 108 bytes including the terminating NUL.
    public static let maximumLength = 107
}
