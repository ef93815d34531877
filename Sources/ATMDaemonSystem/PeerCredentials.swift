import ATMBytes
import ATMSystem
import CPosix

/// Who is on the other end of a Unix socket, as the kernel recorded it when the peer connected
/// (`SO_PEERCRED`, unix(7)): it cannot be forged by the peer, unlike anything it sends.
public struct PeerCredentials: Sendable, Hashable, CustomStringConvertible {
    public let processID: Int32
    public let userID: UInt32
    public let groupID: UInt32

    public init(processID: Int32, userID: UInt32, groupID: UInt32) {
        self.processID = processID
        self.userID = userID
        self.groupID = groupID
    }

    /// Whether the peer runs as root.
    public var isRoot: Bool { userID == 0 }

    public var description: String { "pid=\(processID) uid=\(userID) gid=\(groupID)" }

    /// The uid of the user named `name` in `/etc/passwd`, or `nil` when it has none.
    ///
    /// Read from the file rather than with getpwnam(3): the binaries are static, and glibc's NSS would
    /// need the shared libraries of the glibc they were built with at run time.
    public static func userID(named name: String, passwd path: String = "/etc/passwd") -> UInt32? {
        guard let text = try? FileDescriptor.readWholeFile(path, limit: 16 << 20) else { return nil }
        let wanted = Array(name.utf8)
        for line in text.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard fields.count >= 3, Array(fields[0]) == wanted else { continue }
            return DecimalDigits.parse(fields[2], maximum: UInt64(UInt32.max), allowingLeadingZeros: true)
                .map(UInt32.init)
        }
        return nil
    }
}

extension FileDescriptor {
    /// The credentials of this Unix socket's peer, or the reason they cannot be read (not a Unix socket).
    public func peerCredentials() throws(Errno) -> PeerCredentials {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
        guard cposix_peer_credentials(rawValue, &pid, &uid, &gid) == 0 else { throw Errno.current }
        return PeerCredentials(processID: pid, userID: uid, groupID: gid)
    }
}
