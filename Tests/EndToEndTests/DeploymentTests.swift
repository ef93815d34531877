import Foundation
import Glibc
import Synchronization
import Testing

/// The ways operators run the service: xinetd, scripts/serve (also the Docker entrypoint) and the systemd units.
@Suite(.serialized) struct DeploymentTests {
    private static let balanceRequest = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n"

    /// A real xinetd (`xinetd -dontfork -f FILE`) serving the committed service file on a loopback port.
    @Test func xinetdServesByteCleanResponsesThroughABurst() throws {
        let xinetd = try #require(Binaries.which("xinetd"), "xinetd is needed (Debian package: xinetd)")
        let daemon = try StateDaemon()
        let service = try String(
            contentsOf: Binaries.repository.appendingPathComponent("systemd/atm-handler.xinetd"), encoding: .utf8)
        let user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        let group = String(cString: getgrgid(getegid()).pointee.gr_name)
        let configuration = daemon.directory.appendingPathComponent("xinetd.conf")
        let log = daemon.directory.appendingPathComponent("xinetd.log").path
        let server = try SuperServer.onFreshPort { port in
            let replacements = [
                "port": "\(port)", "bind": "127.0.0.1", "server": Binaries.handler, "user": user, "group": group,
                "env": "ATM_STATED_SOCKET=\(daemon.socketPath)",
            ]
            let configured = service.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                let key = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
                guard let value = replacements[key] else { return String(line) }
                return "    \(key) = \(value)"
            }
            try ("defaults\n{\n    log_type = FILE \(log)\n}\n\n" + configured.joined(separator: "\n"))
                .write(to: configuration, atomically: true, encoding: .utf8)
            return try ChildProcess(xinetd, ["-dontfork", "-f", configuration.path])
        }

        // 200 connections from 8 clients at once: far past xinetd's default of 50 per second, within per_source.
        let clean = Atomic<Int>(0)
        let start = Date()
        onThreads(8) { _ in
            for _ in 0..<25 {
                let bytes = server.exchange(Self.balanceRequest) ?? []
                let text = String(decoding: bytes, as: UTF8.self)
                if text.hasPrefix("HTTP/1.1 200 OK\r\n"), !text.contains("atm-handler:"),
                    ParsedResponse(bytes)?.bodyText == #"{"account_number":"1001","balance":"1000.00"}"#
                {
                    clean.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(clean.load(ordering: .relaxed) == 200)
        // Only a burst faster than xinetd's default `cps = 50 10` could trip it: 200 connections in under 4 s.
        let defaultConnectionsPerSecond = 50.0
        #expect(
            Date().timeIntervalSince(start) < 200 / defaultConnectionsPerSecond,
            "the burst must outpace the default cps of 50 per second")
        // xinetd logs each start (log_on_success) to this file: a log it never wrote proves nothing.
        let logged = try String(contentsOfFile: log, encoding: .utf8)
        #expect(logged.contains("START"), "xinetd wrote no START line: \(logged)")
        #expect(!logged.contains("Deactivating"))
        let early = server.exchange("POST /accounts/1001/deposit HTTP/1.1\r\nHost: t\r\n\r\n") ?? []
        #expect(String(decoding: early, as: UTF8.self).hasPrefix("HTTP/1.1 411 Length Required\r\n"))
        #expect(ParsedResponse(early)?.bodyText == #"{"detail":"a POST needs a Content-Length or a chunked body"}"#)
    }

    @Test func serveRunsEverythingPassesSettingsThroughAndCleansUpOnInterrupt() throws {
        let runtime = Binaries.temporaryDirectory().appendingPathComponent("run")
        let server = try SuperServer.onFreshPort { port in
            try ChildProcess(
                Binaries.repository.appendingPathComponent("scripts/serve").path, [],
                environment: [
                    "PORT": "\(port)", "ATM_BIN_DIR": Binaries.directory.path, "ATM_RUNTIME_DIR": runtime.path,
                    "PRELOAD_ACCOUNTS": #"{"77":"7.00"}"#, "ATM_MAX_BODY_BYTES": "64",
                ])
        }
        let (child, port) = (server.child, server.port)
        #expect(
            ParsedResponse(server.exchange("GET /accounts/77/balance HTTP/1.1\r\nHost: t\r\n\r\n") ?? [])?.bodyText
                == #"{"account_number":"77","balance":"7.00"}"#)
        let body = #"{"amount":"1.00","padding":"\#(String(repeating: "x", count: 64))"}"#
        let large = "POST /accounts/77/deposit HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        #expect(ParsedResponse(server.exchange(large) ?? [])?.status == 413)

        child.signal(SIGINT)
        #expect(child.wait() == 0)
        #expect(!FileManager.default.fileExists(atPath: runtime.path))
        #expect(TestSocket.tcp(port: port, timeout: 1) == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            guard Int(entry) != nil,
                let commandLine = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8)
            else { return false }
            return commandLine.contains(runtime.path)
        }
        #expect(leftovers.isEmpty, "still running: \(leftovers)")
    }

    /// A PATH holding only `tools` and what scripts/serve itself runs, as in a small image without systemd.
    private func pathWith(_ tools: [String]) throws -> URL {
        let directory = Binaries.temporaryDirectory()
        let base = ["bash", "dirname", "mktemp", "mkdir", "rm", "seq", "sleep", "grep", "cat", "id", "sed", "tail"]
        for tool in base + tools {
            if let path = Binaries.which(tool) {
                try FileManager.default.createSymbolicLink(
                    atPath: directory.appendingPathComponent(tool).path, withDestinationPath: path)
            }
        }
        return directory
    }

    @Test func serveRunsXinetdWithOnlyTheDockerImagesTools() throws {
        let tools = try pathWith(["xinetd"])
        defer { try? FileManager.default.removeItem(at: tools) }
        let server = try SuperServer.onFreshPort { port in
            try ChildProcess(
                tools.appendingPathComponent("bash").path,
                [Binaries.repository.appendingPathComponent("scripts/serve").path],
                environment: [
                    "PATH": tools.path, "ATM_BIN_DIR": Binaries.directory.path, "PORT": "\(port)", "HOST": "0.0.0.0",
                    "ATM_ALLOW_PLAIN_HTTP": "1",
                ])
        }
        let child = server.child
        let health = ParsedResponse(server.exchange("GET /health HTTP/1.1\r\nHost: t\r\n\r\n") ?? [])
        #expect(health?.status == 200)
        for _ in 0..<100 where !child.standardError.contains("xinetd, state socket") { usleep(10_000) }
        #expect(child.standardError.contains("xinetd, state socket"), "serve names the super-server it runs")
        child.signal(SIGTERM)
        #expect(child.wait() == 0)
    }

    @Test func serveSaysWhichPackageToInstallWhenNoSuperServerIsThere() throws {
        let tools = try pathWith([])
        defer { try? FileManager.default.removeItem(at: tools) }
        let child = try ChildProcess(
            tools.appendingPathComponent("bash").path,
            [Binaries.repository.appendingPathComponent("scripts/serve").path],
            environment: ["PATH": tools.path, "ATM_BIN_DIR": Binaries.directory.path])
        #expect(child.wait() == 69)
        #expect(child.standardError.contains("Debian package: xinetd"))
    }

    @Test func theSystemdUnitsVerifyAndRateTwoOrLower() throws {
        let child = try ChildProcess(
            Binaries.repository.appendingPathComponent("scripts/check-systemd").path, [Binaries.directory.path])
        #expect(child.wait(timeout: 60) == 0, "\(child.standardError)")
    }
}
