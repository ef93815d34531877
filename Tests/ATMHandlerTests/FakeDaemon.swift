import ATMSystem
import Foundation
import Glibc

/// A stand-in for `atm-stated` on a temporary Unix socket: it accepts connections and answers each
/// command line with whatever `answer` returns for it (`nil`: read it and never answer).
final class FakeDaemon: Sendable {
    let path: String
    /// Every command line received, without its newline.
    let received = Lines()
    /// What each read from a handler returned, as text: the lines that came in one write stay together.
    let reads = Lines()

    /// The connections being served. A serve thread closes its own connection, under this lock, and the
    /// accept thread only shuts down (never closes) those still here when it stops: closing a descriptor
    /// another thread still reads lets the number be reused by another test's socket, whose bytes that
    /// thread would then read (a flake seen with suites in parallel).
    final class OpenClients: @unchecked Sendable {
        private let lock = NSLock()
        private var descriptors: Set<Int32> = []
        func add(_ fd: Int32) { lock.withLock { _ = descriptors.insert(fd) } }
        func close(_ fd: Int32) {
            lock.withLock {
                descriptors.remove(fd)
                Glibc.close(fd)
            }
        }
        func shutDownAll() { lock.withLock { descriptors.forEach { Glibc.shutdown($0, Int32(SHUT_RDWR)) } } }
    }

    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    private let directory: String
    private let listener: Int32
    private let stop: (read: Int32, write: Int32)

    init(answer: @escaping @Sendable (String) -> String?) throws {
        directory = "/tmp/atm-unit-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/stated.sock"
        listener = try Self.listen(on: path)
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
        stop = (ends[0], ends[1])
        let (listener, stopRead, received, reads) = (listener, stop.read, received, reads)
        let clients = OpenClients()
        Thread {
            defer {
                clients.shutDownAll()
                Glibc.close(listener)
                Glibc.close(stopRead)
            }
            var fds = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopRead, events: Int16(POLLIN), revents: 0),
            ]
            while poll(&fds, 2, 10_000) > 0, fds[1].revents == 0 {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { continue }
                clients.add(client)
                Thread {
                    Self.serve(client, answer: answer, received: received, reads: reads)
                    clients.close(client)
                }.start()
            }
        }.start()
    }

    deinit {
        _ = Glibc.write(stop.write, "x", 1)
        Glibc.close(stop.write)
        try? FileManager.default.removeItem(atPath: directory)
    }

    private static func serve(_ client: Int32, answer: @Sendable (String) -> String?, received: Lines, reads: Lines) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let got = recv(client, &buffer, buffer.count, 0), got > 0 {
            pending += buffer[..<got]
            reads.append(String(decoding: buffer[..<got], as: UTF8.self))
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                received.append(line)
                if let reply = answer(line) {
                    let bytes = Array((reply + "\n").utf8)
                    _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                }
            }
        }
    }

    private static func listen(on path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard fd >= 0, bound == 0, Glibc.listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        return fd
    }
}

/// The command word and account of a protocol line such as `DEPOSIT 1001 100 deadline=… request=…`.
func words(_ line: String) -> [Substring] { line.split(separator: " ") }
