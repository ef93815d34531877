import Foundation
import Glibc

/// `atm-handler` behind a real super-server on a loopback port, the way operators run it.
///
/// systemd-socket-activate and xinetd bind their port themselves and cannot take a listening socket
/// from the test, so a port cannot be held for them. Instead ``onFreshPort(attempts:_:)`` picks a port,
/// starts the super-server on it and waits until the socket listening there belongs to that
/// super-server (or one of its children: scripts/serve runs one); when another process took the port
/// first the super-server exits (EADDRINUSE) and a fresh port is tried. No request ever goes to a
/// listener that is not the test's own.
final class SuperServer: @unchecked Sendable {
    let port: UInt16
    let child: ChildProcess

    /// `systemd-socket-activate -a --inetd`: one handler per connection, the socket on fds 0 and 1.
    static func systemdSocketActivate(stateSocket: String, environment: [String: String] = [:]) throws -> SuperServer {
        guard let activate = Binaries.which("systemd-socket-activate") else {
            throw Missing(program: "systemd-socket-activate")
        }
        return try onFreshPort { port in
            var arguments = ["-a", "--inetd", "-l", "127.0.0.1:\(port)", "-E", "ATM_STATED_SOCKET=\(stateSocket)"]
            for (name, value) in environment { arguments += ["-E", "\(name)=\(value)"] }
            arguments.append(Binaries.handler)
            return try ChildProcess(activate, arguments)
        }
    }

    /// `systemd-socket-activate` without `--accept`: one `atm-handler` with the listening socket as fd 3
    /// (LISTEN_FDS=1, as a socket unit with `Accept=no` passes it) and `ATM_HANDLER_POOL=spares`.
    static func handlerPool(stateSocket: String, spares: Int, environment: [String: String] = [:]) throws
        -> SuperServer
    {
        guard let activate = Binaries.which("systemd-socket-activate") else {
            throw Missing(program: "systemd-socket-activate")
        }
        return try onFreshPort { port in
            var arguments = [
                "-l", "127.0.0.1:\(port)", "-E", "ATM_STATED_SOCKET=\(stateSocket)", "-E", "ATM_HANDLER_POOL=\(spares)",
            ]
            for (name, value) in environment { arguments += ["-E", "\(name)=\(value)"] }
            arguments.append(Binaries.handler)
            return try ChildProcess(activate, arguments, environment: ["SYSTEMD_LOG_LEVEL": "warning"])
        }
    }

    /// Starts `start(port)` on a fresh loopback port, and again on another when that port was taken first.
    static func onFreshPort(attempts: Int = 5, _ start: (UInt16) throws -> ChildProcess) throws -> SuperServer {
        var taken: [UInt16] = []
        for _ in 0..<attempts {
            let port = freeTCPPort()
            do {
                return try SuperServer(port: port, child: start(port))
            } catch is PortTaken {
                taken.append(port)
            }
        }
        throw Missing(program: "a super-server on a free port (taken: \(taken))")
    }

    /// Waits until the socket listening on `port` is `child`'s (or a descendant's); throws ``PortTaken``
    /// when the child exits first, as a super-server does when another process holds the port.
    init(port: UInt16, child: ChildProcess) throws {
        self.port = port
        self.child = child
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if ListenerOwner.listener(onPort: port, isHeldBy: child.spawned.pid) { return }
            if !child.isRunning { throw PortTaken(port: port, errors: child.standardError) }
            usleep(10_000)
        }
        throw Missing(program: "a listening super-server on port \(port): \(child.standardError)")
    }

    struct Missing: Error { let program: String }

    /// The super-server could not listen on the port it was given (another process held it).
    struct PortTaken: Error {
        let port: UInt16
        let errors: String
    }

    /// Sends one request on a new connection and returns every byte of the answer.
    func exchange(_ request: String, timeout: Double = 5) -> [UInt8]? {
        guard let client = TestSocket.tcp(port: port, timeout: timeout) else { return nil }
        client.send(request)
        return client.readToEnd()
    }
}

/// Which process holds a listening TCP socket, read from /proc (Linux).
enum ListenerOwner {
    /// Whether a socket listening on `port` (any local address, IPv4 or IPv6) is open in `pid` or a descendant.
    static func listener(onPort port: UInt16, isHeldBy pid: pid_t) -> Bool {
        let inodes = listeningSocketInodes(port: port)
        guard !inodes.isEmpty else { return false }
        for process in [pid] + descendants(of: pid) {
            let directory = "/proc/\(process)/fd"
            for descriptor in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
                if let target = try? FileManager.default.destinationOfSymbolicLink(
                    atPath: "\(directory)/\(descriptor)"),
                    inodes.contains(target)
                {
                    return true
                }
            }
        }
        return false
    }

    /// `socket:[INODE]` of every socket in state LISTEN (0A) on `port` in /proc/net/tcp and tcp6.
    private static func listeningSocketInodes(port: UInt16) -> Set<String> {
        let portText = String(port, radix: 16, uppercase: true)
        let wanted = String(repeating: "0", count: 4 - portText.count) + portText
        var inodes: Set<String> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let text = (try? String(contentsOfFile: table, encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9, fields[3] == "0A", fields[1].hasSuffix(":" + wanted) else { continue }
                inodes.insert("socket:[\(fields[9])]")
            }
        }
        return inodes
    }

    /// Every process whose chain of parents leads to `pid`, from the fourth field of /proc/PID/stat.
    private static func descendants(of pid: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for entry in ProcessTable.entries() { children[entry.parent, default: []].append(entry.pid) }
        var result: [pid_t] = []
        var queue = children[pid] ?? []
        while let next = queue.popLast() {
            result.append(next)
            queue += children[next] ?? []
        }
        return result
    }
}

/// The processes in /proc: each one's id, parent and state letter (`Z` for a zombie not yet reaped).
enum ProcessTable {
    struct Entry {
        let pid: pid_t
        let parent: pid_t
        let state: Character
    }

    static func entries() -> [Entry] {
        var entries: [Entry] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let process = pid_t(name),
                let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let end = stat.lastIndex(of: ")")
            else { continue }
            let rest = stat[stat.index(after: end)...].split(separator: " ")
            if rest.count > 1, let parent = pid_t(rest[1]), let state = rest[0].first {
                entries.append(Entry(pid: process, parent: parent, state: state))
            }
        }
        return entries
    }

    /// The children of `pid` that are still running (zombies excluded).
    static func liveChildren(of pid: pid_t) -> [pid_t] {
        entries().filter { $0.parent == pid && $0.state != "Z" }.map(\.pid)
    }

    /// Every child of `pid`, zombies included.
    static func children(of pid: pid_t) -> [pid_t] {
        entries().filter { $0.parent == pid }.map(\.pid)
    }
}
