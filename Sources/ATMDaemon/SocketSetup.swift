import ATMDaemonSystem
import ATMSystem

/// How the daemon comes by its listening socket, and whether it owns the file.
public enum SocketSetup {
    /// The socket systemd passed, or a new one bound at the configured path.
    ///
    /// A stale socket file (nobody accepting) is replaced; a live one means another daemon serves
    /// there, and this one refuses to start rather than steal its path.
    public static func listen(
        _ configuration: DaemonConfiguration
    ) throws(DaemonConfiguration.Failure) -> ListeningSocket {
        if let passed = SocketActivation.takeListeningDescriptor() {
            do {
                return try ListeningSocket(adopting: passed)
            } catch {
                throw .init(message: "cannot use the socket systemd passed: \(error)", status: .systemError)
            }
        }
        let path = configuration.socketPath
        switch UnixSocketPathState.probe(path) {
        case .absent: break
        case .stale: removeFile(path)
        case .live:
            throw .init(
                message: "another atm-stated is already serving on \(path); stop it first", status: .unavailable)
        case .notASocket:
            throw .init(message: "\(path) exists and is not a socket; refusing to replace it", status: .cannotCreate)
        }
        do {
            return try ListeningSocket(bindingUnixSocket: path, mode: configuration.socketMode, backlog: 4096)
        } catch {
            throw .init(message: "cannot listen on \(path): \(error)", status: .systemError)
        }
    }
}
