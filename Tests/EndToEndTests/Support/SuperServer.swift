import Foundation
import Glibc

/// `atm-handler` behind a real super-server on a loopback port, the way operators run it.
final class SuperServer: @unchecked Sendable {
    let port: UInt16
    let child: ChildProcess

    /// `systemd-socket-activate -a --inetd`: one handler per connection, the socket on fds 0 and 1.
    static func systemdSocketActivate(stateSocket: String, environment: [String: String] = [:]) throws -> SuperServer {
        guard let activate = Binaries.which("systemd-socket-activate") else {
            throw Missing(program: "systemd-socket-activate")
        }
        let port = freeTCPPort()
        var arguments = ["-a", "--inetd", "-l", "127.0.0.1:\(port)", "-E", "ATM_STATED_SOCKET=\(stateSocket)"]
        for (name, value) in environment { arguments += ["-E", "\(name)=\(value)"] }
        arguments.append(Binaries.handler)
        return try SuperServer(port: port, child: ChildProcess(activate, arguments))
    }

    init(port: UInt16, child: ChildProcess) throws {
        self.port = port
        self.child = child
        for _ in 0..<500 {
            if let probe = TestSocket.tcp(port: port, timeout: 1) {
                probe.shutdownWrite()
                _ = probe.readToEnd()
                return
            }
            usleep(10_000)
        }
        throw Missing(program: "a listening super-server on port \(port): \(child.standardError)")
    }

    struct Missing: Error { let program: String }

    /// Sends one request on a new connection and returns every byte of the answer.
    func exchange(_ request: String, timeout: Double = 5) -> [UInt8]? {
        guard let client = TestSocket.tcp(port: port, timeout: timeout) else { return nil }
        client.send(request)
        return client.readToEnd()
    }
}
