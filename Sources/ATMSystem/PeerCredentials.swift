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

    /// The uid of the user named `name`, or `nil` when the user database has none.
    public static func userID(named name: String) -> UInt32? {
        var uid: UInt32 = 0
        return cposix_user_id(name, &uid) == 0 ? uid : nil
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
