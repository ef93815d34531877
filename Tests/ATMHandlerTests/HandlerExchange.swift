import ATMHandler
import ATMSystem
import Foundation
import Glibc

/// What one connection served by a `ConnectionHandler` over a socketpair came to.
struct HandlerExchange {
    let response: [UInt8]
    let log: String

    var text: String { String(decoding: response, as: UTF8.self) }

    /// The status code of the (last) response.
    var status: Int? {
        guard let line = text.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("HTTP/1.1 ") }) else {
            return nil
        }
        return Int(line.split(separator: " ")[1])
    }

    func header(_ name: String) -> String? {
        for line in text.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == name.lowercased() {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    var body: String {
        guard let range = text.range(of: "\r\n\r\n") else { return "" }
        return String(text[range.upperBound...])
    }

    /// Writes `request` into one end of a socketpair, serves the other end with a handler, and
    /// returns what the client end received and what the access log got (through a pipe).
    static func run(_ request: String, configuration: HandlerConfiguration) throws -> HandlerExchange {
        try run(bytes: Array(request.utf8), configuration: configuration)
    }

    /// The same for any bytes (a PROXY header before the request is not text).
    static func run(bytes: [UInt8], configuration: HandlerConfiguration) throws -> HandlerExchange {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw POSIXError(.EMFILE)
        }
        var logEnds: [Int32] = [-1, -1]
        guard pipe(&logEnds) == 0 else { throw POSIXError(.EMFILE) }
        defer {
            Glibc.close(pair[0])
            Glibc.close(logEnds[0])
        }
        let written = bytes.withUnsafeBytes { send(pair[0], $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard written == bytes.count else { throw POSIXError(.EIO) }
        shutdown(pair[0], Int32(SHUT_WR))
        let connection = FileDescriptor(rawValue: pair[1])
        let log = AccessLog(
            standardError: FileDescriptor(rawValue: logEnds[1]), input: connection, output: connection)
        var handler = ConnectionHandler(input: connection, output: connection, configuration: configuration, log: log)
        handler.serve()
        Glibc.close(pair[1])
        Glibc.close(logEnds[1])
        return HandlerExchange(
            response: readToEnd(pair[0]), log: String(decoding: readToEnd(logEnds[0]), as: UTF8.self))
    }

    private static func readToEnd(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while case let got = read(fd, &buffer, buffer.count), got > 0 { result += buffer[..<got] }
        return result
    }
}
