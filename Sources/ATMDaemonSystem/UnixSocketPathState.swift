import ATMSystem
import CPosix

/// What is at a socket path, before a daemon binds it.
public enum UnixSocketPathState: Sendable, Equatable {
    case absent
    /// A socket file with a process accepting on it.
    case live
    /// A socket file nobody listens on: left by a daemon that did not exit cleanly.
    case stale
    /// Something that is not a socket; never removed.
    case notASocket
}

extension UnixSocketPathState {
    /// Looks at `path` without changing it.
    public static func probe(_ path: String) -> UnixSocketPathState {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .absent }
        guard info.st_mode & mode_t(S_IFMT) == mode_t(S_IFSOCK) else { return .notASocket }
        do {
            _ = try Connection.connect(toUnixSocket: path, until: .after(milliseconds: 1000))
            return .live
        } catch {
            return error == .connectionRefused || error == .noSuchFile ? .stale : .live
        }
    }
}
