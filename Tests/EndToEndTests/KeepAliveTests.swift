import Foundation
import Glibc
import Testing

/// Persistent connections (CONTRACT: Persistent connections): the real handler on one end of a socket
/// pair, as inetd hands it a connection, and behind a real super-server.
@Suite struct KeepAliveTests {
    private static let balance = "GET /accounts/1001/balance HTTP/1.1\r\nHost: a\r\n\r\n"

    private static func balance(id: String, extra: String = "") -> String {
        "GET /accounts/1001/balance HTTP/1.1\r\nHost: a\r\nX-Request-ID: \(id)\r\n\(extra)\r\n"
    }

    @Test func requestsOnOneConnectionAreAnsweredInOrder() throws {
        let daemon = try StateDaemon()
        let start = try #require(Self.cents(in: daemon))
        let connection = try KeptConnection(daemon: daemon, environment: ["ATM_KEEP_ALIVE_REQUESTS": "10"])
        for index in 1...5 {
            connection.send(moneyRequest("deposit", account: "1002", amount: "1.00"))
            let response = try #require(connection.nextResponse())
            #expect(response.status == 200)
            #expect(response.bodyText == Self.balanceBody(start + 100 * index))
            #expect(response.header("Connection") == nil)
        }
        connection.send(Self.balance(id: "last", extra: "Connection: close\r\n"))
        let last = try #require(connection.nextResponse())
        #expect(last.header("X-Request-ID") == "last")
        #expect(last.header("Connection") == "close")
        #expect(connection.isClosedByHandler())
        #expect(connection.handler.wait(timeout: 5) == 0)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let daemon = try StateDaemon()
        let start = try #require(Self.cents(in: daemon))
        let connection = try KeptConnection(daemon: daemon, environment: ["ATM_KEEP_ALIVE_REQUESTS": "100"])
        let ids = (1...8).map { "pipelined-\($0)" }
        var stream = ""
        for (index, id) in ids.enumerated() {
            if index % 2 == 0 {
                stream += Self.balance(id: id)
            } else {
                let deposit = moneyRequest("deposit", account: "1002", amount: "0.25")
                stream += deposit.replacingOccurrences(of: "Host: t\r\n", with: "Host: t\r\nX-Request-ID: \(id)\r\n")
            }
        }
        stream += Self.balance(id: "closing", extra: "Connection: close\r\n")
        connection.send(stream)
        let responses = connection.responsesUntilClosed()
        #expect(responses.map { $0.header("X-Request-ID") ?? "?" } == ids + ["closing"])
        #expect(responses.allSatisfy { $0.status == 200 })
        let deposits = responses.enumerated().filter { $0.offset % 2 == 1 && $0.offset < ids.count }.map(\.element)
        #expect(deposits.map(\.bodyText) == (1...4).map { Self.balanceBody(start + 25 * $0) })
        #expect(responses.last?.header("Connection") == "close")
    }

    @Test func connectionCloseFromTheClientIsHonoured() throws {
        let daemon = try StateDaemon()
        let connection = try KeptConnection(daemon: daemon, environment: ["ATM_KEEP_ALIVE_REQUESTS": "100"])
        connection.send(Self.balance(id: "first", extra: "Connection: close\r\n") + Self.balance(id: "never"))
        let responses = connection.responsesUntilClosed()
        #expect(responses.map { $0.header("X-Request-ID") } == ["first"])
        #expect(responses.first?.header("Connection") == "close")
    }

    @Test func anHTTP10RequestClosesTheConnection() throws {
        let daemon = try StateDaemon()
        let connection = try KeptConnection(daemon: daemon, environment: ["ATM_KEEP_ALIVE_REQUESTS": "100"])
        connection.send(
            "GET /accounts/1001/balance HTTP/1.0\r\nX-Request-ID: old\r\n\r\n" + Self.balance(id: "never"))
        let responses = connection.responsesUntilClosed()
        #expect(responses.map { $0.header("X-Request-ID") } == ["old"])
        #expect(responses.first?.header("Connection") == "close")
    }

    @Test func theLastAllowedResponseCarriesConnectionClose() throws {
        let daemon = try StateDaemon()
        let connection = try KeptConnection(daemon: daemon, environment: ["ATM_KEEP_ALIVE_REQUESTS": "3"])
        connection.send((1...5).map { Self.balance(id: "r\($0)") }.joined())
        let responses = connection.responsesUntilClosed()
        #expect(responses.map { $0.header("X-Request-ID") } == ["r1", "r2", "r3"])
        #expect(responses.map { $0.header("Connection") } == [nil, nil, "close"])
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() throws {
        let daemon = try StateDaemon()
        let idle = 400
        let connection = try KeptConnection(
            daemon: daemon, environment: ["ATM_KEEP_ALIVE_REQUESTS": "100", "ATM_KEEP_ALIVE_IDLE_MS": "\(idle)"])
        connection.send(Self.balance)
        #expect(try #require(connection.nextResponse()).status == 200)
        let answered = Date()
        #expect(connection.isClosedByHandler(within: 5))
        let waited = Date().timeIntervalSince(answered)
        #expect(waited >= Double(idle) / 1000 * 0.9 && waited < Double(idle) / 1000 + 1.5)
        #expect(connection.handler.wait(timeout: 5) == 0)
    }

    /// Each framing error of the contract, as the second request on a connection: the first is answered,
    /// the bad one gets its 400 with `Connection: close`, and nothing after it is read.
    @Test(arguments: [
        "GET /accounts/1001/balance  HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /accounts/1001/balance HTTP/1.1\r\nHost : a\r\n\r\n",
        "GET /accounts/1001/balance HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n",
        "GET /accounts/1001/balance HTTP/1.1\r\nHost: a\rb\r\n\r\n",
        "GET /accounts/1001/balance HTTP/1.1\r\nHost: a\u{0}b\r\n\r\n",
        "GET /accounts/1001/balance HTTP/1.1\r\n\r\n",
        "GET /accounts/1001/balance HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "POST /accounts/1002/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n",
        "POST /accounts/1002/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\nContent-Length: 17\r\n\r\n",
        "POST /accounts/1002/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /accounts/1002/deposit HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /accounts/1002/deposit HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
        "POST /accounts/1002/deposit HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func aFramingErrorLaterOnTheConnectionIsA400ThatClosesIt(badRequest: String) throws {
        let daemon = try StateDaemon()
        let start = try #require(Self.cents(in: daemon))
        let connection = try KeptConnection(daemon: daemon, environment: ["ATM_KEEP_ALIVE_REQUESTS": "100"])
        connection.send(
            Self.balance(id: "good") + badRequest + moneyRequest("deposit", account: "1002", amount: "9.00"))
        let responses = connection.responsesUntilClosed()
        #expect(responses.map(\.status) == [200, 400])
        #expect(responses.last?.header("Connection") == "close")
        #expect(Self.cents(in: daemon) == start)
    }

    @Test func aBodyShorterThanDeclaredLaterOnTheConnectionIsA400() throws {
        let daemon = try StateDaemon()
        let start = try #require(Self.cents(in: daemon))
        let connection = try KeptConnection(daemon: daemon, environment: ["ATM_KEEP_ALIVE_REQUESTS": "100"])
        connection.send(
            Self.balance(id: "good")
                + "POST /accounts/1002/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: 17\r\n\r\n{\"amount\"")
        connection.shutdownWriting()
        let responses = connection.responsesUntilClosed()
        #expect(responses.map(\.status) == [200, 400])
        #expect(Self.cents(in: daemon) == start)
    }

    /// The request deadline counts from each request's first byte: a connection older than the deadline
    /// still gets its next request served, and a later request that stalls gets its 408 a deadline after
    /// its own first byte.
    @Test func theRequestDeadlineCountsFromEachRequestsFirstByte() throws {
        let daemon = try StateDaemon()
        let deadline = 600
        let connection = try KeptConnection(
            daemon: daemon,
            environment: [
                "ATM_KEEP_ALIVE_REQUESTS": "100", "ATM_KEEP_ALIVE_IDLE_MS": "5000",
                "ATM_REQUEST_TIMEOUT_MS": "\(deadline)",
            ])
        let seconds = Double(deadline) / 1000
        let opened = Date()
        for round in 1...3 {
            // Each request takes two thirds of the deadline to arrive; together they take twice it.
            let request = Array(Self.balance(id: "slow-\(round)").utf8)
            connection.send(String(decoding: request[..<10], as: UTF8.self))
            usleep(useconds_t(seconds * 2 / 3 * 1_000_000))
            connection.send(String(decoding: request[10...], as: UTF8.self))
            let response = try #require(connection.nextResponse())
            #expect(response.status == 200)
            #expect(response.header("X-Request-ID") == "slow-\(round)")
        }
        #expect(Date().timeIntervalSince(opened) > seconds * 1.5)
        usleep(useconds_t(seconds / 2 * 1_000_000))
        let stalled = Date()
        connection.send("GET /accounts/1001/balance HTTP/1.1\r\n")
        let timedOut = try #require(connection.nextResponse(timeout: 5))
        let waited = Date().timeIntervalSince(stalled)
        #expect(timedOut.status == 408)
        #expect(timedOut.header("Connection") == "close")
        #expect(waited >= seconds * 0.9 && waited < seconds + 1)
    }

    @Test func behindASuperServerOneConnectionServesManyRequests() throws {
        let daemon = try StateDaemon()
        let start = try #require(Self.cents(in: daemon))
        let server = try SuperServer.systemdSocketActivate(
            stateSocket: daemon.socketPath, environment: ["ATM_KEEP_ALIVE_REQUESTS": "50"])
        let client = try #require(TestSocket.tcp(port: server.port))
        let connection = KeptConnection(client: client.fd)
        for index in 1...20 {
            connection.send(moneyRequest("deposit", account: "1002", amount: "0.05"))
            let response = try #require(connection.nextResponse())
            #expect(response.status == 200)
            #expect(response.bodyText == Self.balanceBody(start + 5 * index))
        }
        connection.send(
            (1...5).map { Self.balance(id: "p\($0)") }.joined()
                + Self.balance(id: "end", extra: "Connection: close\r\n"))
        let responses = connection.responsesUntilClosed()
        #expect(responses.map { $0.header("X-Request-ID") ?? "?" } == ["p1", "p2", "p3", "p4", "p5", "end"])
        #expect(responses.last?.header("Connection") == "close")
        #expect(Self.cents(in: daemon) == start + 100)
    }

    /// Account 1002's balance in cents, straight from the daemon.
    private static func cents(in daemon: StateDaemon) -> Int? {
        daemon.ask("BALANCE 1002").flatMap { Int($0.split(separator: " ").last ?? "") }
    }

    private static func balanceBody(_ cents: Int) -> String {
        let fraction = cents % 100
        return #"{"account_number":"1002","balance":"\#(cents / 100).\#(fraction < 10 ? "0" : "")\#(fraction)"}"#
    }
}

/// One client connection to a handler kept open across requests: responses read one at a time, by their framing.
private final class KeptConnection: @unchecked Sendable {
    let fd: Int32
    private var handlerProcess: Spawned?
    private var buffer: [UInt8] = []
    private var ended = false

    var handler: Spawned { handlerProcess! }

    /// The handler on one end of a socket pair as its fds 0, 1 and 2 (inetd's way); this is the other end.
    init(daemon: StateDaemon, environment: [String: String]) throws {
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw POSIXError(.EMFILE)
        }
        defer { close(pair[1]) }
        var settings = environment
        settings["ATM_STATED_SOCKET"] = daemon.socketPath
        handlerProcess = try Spawned(
            Binaries.handler, [], environment: settings, stdinDescriptor: pair[1], inetdStyle: true)
        fd = pair[0]
    }

    /// A connection the caller owns (to a super-server): it stays open as long as the caller's socket.
    init(client: Int32) {
        fd = dup(client)
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return }
            offset += sent
        }
    }

    func shutdownWriting() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads more bytes, waiting until `deadline`; false at end of input or on timeout.
    private func fill(until deadline: Date) -> Bool {
        guard !ended else { return false }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
        guard poll(&poller, 1, milliseconds) == 1 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let got = recv(fd, &chunk, chunk.count, 0)
        if got <= 0 {
            ended = true
            return false
        }
        buffer += chunk[..<got]
        return true
    }

    /// The next whole response (interim 100s skipped), or `nil` if none arrives within `timeout` seconds.
    func nextResponse(timeout: Double = 5) -> ParsedResponse? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let end = buffer.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
                if head.hasPrefix("HTTP/1.1 100 ") {
                    buffer.removeSubrange(..<end.upperBound)
                    continue
                }
                let length = head.components(separatedBy: "\r\n").dropFirst()
                    .first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) }
                if let length, buffer.count - end.upperBound >= length {
                    let whole = Array(buffer[..<(end.upperBound + length)])
                    buffer.removeSubrange(..<(end.upperBound + length))
                    return ParsedResponse(whole)
                }
            }
            guard fill(until: deadline) else { return nil }
        }
    }

    /// Every response until the handler closes the connection.
    func responsesUntilClosed(timeout: Double = 10) -> [ParsedResponse] {
        var responses: [ParsedResponse] = []
        while let response = nextResponse(timeout: timeout) { responses.append(response) }
        return responses
    }

    /// Whether the handler ends the connection (end of input, nothing more) within `seconds`.
    func isClosedByHandler(within seconds: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while fill(until: deadline) {}
        return ended && buffer.isEmpty
    }
}
