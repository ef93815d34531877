import Foundation
import Glibc
import Testing

/// Every front shipped caps connections per source: 300 idle connections from one address must not
/// make another client's request wait for their head deadline (the live systemd front is checked by scripts/check-systemd-live,
/// and the Docker image's entrypoint, replayed, by scripts/check-dockerfile).
@Suite(.serialized) struct FrontCapTests {
    private static let idleCount = 300
    private static let balanceRequest = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n"

    /// One request over TCP from `source` (another loopback address, so another source to the front);
    /// returns the whole answer and how long it took from connect to the front's close.
    private static func exchange(from source: String, port: UInt16, _ request: String) -> ([UInt8], Double) {
        let start = Date()
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        func address(_ text: String, _ port: UInt16) -> sockaddr_in {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr(text)
            return address
        }
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        var local = address(source, 0)
        var remote = address("127.0.0.1", port)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        }
        guard bound == 0, connected == 0 else { return ([], Date().timeIntervalSince(start)) }
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while case let got = recv(fd, &buffer, buffer.count, 0), got > 0 { answer += buffer[..<got] }
        return (answer, Date().timeIntervalSince(start))
    }

    /// Opens 300 idle connections from 127.0.0.1, then times a request from 127.0.0.2 while they are held.
    private static func expectIdleFloodDoesNotDelayAnotherSource(port: UInt16) {
        let idle = (0..<idleCount).compactMap { _ in TestSocket.tcp(port: port, timeout: 5) }
        #expect(idle.count == idleCount, "every idle connection is accepted by the kernel")
        #expect(perSourceCap > 0 && perSourceCap < idleCount)
        usleep(300_000)
        let (answer, seconds) = exchange(from: "127.0.0.2", port: port, balanceRequest)
        #expect(ParsedResponse(answer)?.bodyText == #"{"account_number":"1001","balance":"1000.00"}"#)
        // Queued behind the idle connections it would wait for their head deadline (ATM_HEADER_TIMEOUT_MS, 3 s).
        #expect(
            seconds < Bounds.latest() && Bounds.latest() < Bounds.seconds(3_000),
            "another client waited \(seconds) s behind \(idleCount) idle connections")
        // Within the handlers' head deadline, every idle connection past the per-source cap is already closed.
        var byte: UInt8 = 0
        let closed = idle.filter { recv($0.fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0 }.count
        #expect(
            closed >= idleCount - perSourceCap, "only \(closed) of \(idleCount) closed; per-source cap \(perSourceCap)")
    }

    /// `per_source` of the committed xinetd service file, which scripts/serve uses too.
    private static let perSourceCap: Int = {
        let url = Binaries.repository.appendingPathComponent("systemd/atm-handler.xinetd")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("per_source") }
        return line.flatMap { Int($0.split(separator: "=").last?.trimmingCharacters(in: .whitespaces) ?? "") } ?? 0
    }()

    @Test func serveKeepsServingAnotherSourceBehindThreeHundredIdleConnections() throws {
        let server = try SuperServer.onFreshPort { port in
            try ChildProcess(
                Binaries.repository.appendingPathComponent("scripts/serve").path, [],
                environment: ["PORT": "\(port)", "ATM_BIN_DIR": Binaries.directory.path])
        }
        let child = server.child
        Self.expectIdleFloodDoesNotDelayAnotherSource(port: server.port)
        child.signal(SIGTERM)
        #expect(child.wait() == 0)
    }

    @Test func serveWithTheImagesSettingsKeepsServingAnotherSourceBehindThreeHundredIdleConnections() throws {
        // The container runs scripts/serve with HOST=0.0.0.0 and the binaries in ATM_BIN_DIR (see Dockerfile).
        let server = try SuperServer.onFreshPort { port in
            try ChildProcess(
                Binaries.repository.appendingPathComponent("scripts/serve").path, [],
                environment: [
                    "PORT": "\(port)", "HOST": "0.0.0.0", "ATM_BIN_DIR": Binaries.directory.path,
                    // The image refuses plain HTTP off loopback unless told; this test is about the caps, not TLS.
                    "ATM_ALLOW_PLAIN_HTTP": "1",
                ])
        }
        let child = server.child
        Self.expectIdleFloodDoesNotDelayAnotherSource(port: server.port)
        child.signal(SIGTERM)
        #expect(child.wait() == 0)
    }

    @Test func theXinetdServiceFileKeepsServingAnotherSourceBehindThreeHundredIdleConnections() throws {
        let xinetd = try #require(Binaries.which("xinetd"), "xinetd is needed (Debian package: xinetd)")
        let daemon = try StateDaemon()
        let service = try String(
            contentsOf: Binaries.repository.appendingPathComponent("systemd/atm-handler.xinetd"), encoding: .utf8)
        let configuration = daemon.directory.appendingPathComponent("xinetd.conf")
        let server = try SuperServer.onFreshPort { port in
            var replacements = [
                "port": "\(port)", "bind": "127.0.0.1", "server": Binaries.handler,
                "env": "ATM_STATED_SOCKET=\(daemon.socketPath)",
            ]
            replacements["user"] = String(cString: getpwuid(geteuid()).pointee.pw_name)
            replacements["group"] = String(cString: getgrgid(getegid()).pointee.gr_name)
            let configured = service.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                let key = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
                return replacements[key].map { "    \(key) = \($0)" } ?? String(line)
            }
            try configured.joined(separator: "\n").write(to: configuration, atomically: true, encoding: .utf8)
            return try ChildProcess(xinetd, ["-dontfork", "-f", configuration.path])
        }
        Self.expectIdleFloodDoesNotDelayAnotherSource(port: server.port)
    }
}
