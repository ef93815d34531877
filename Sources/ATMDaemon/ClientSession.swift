import ATMBytes
import ATMCore
import ATMDaemonSystem
import ATMProtocol
import ATMSystem

/// One client of the daemon: reads lines, answers each, until the client leaves, idles too long or the daemon stops.
///
/// The buffer never holds more than one line's maximum plus one read, and every wait has a deadline,
/// so a silent, slow or flooding client costs only its own thread.
struct ClientSession: ~Copyable {
    let connection: Connection
    let backend: ProtocolEdge
    let metrics: MetricsRegistry
    let access: AccessControl
    /// The peer process, as the kernel recorded it: what admin commands and per-uid caps go by.
    let peer: PeerCredentials
    let idleTimeoutMilliseconds: Int
    /// Becomes readable (end of file) when the daemon is stopping.
    let stopSignal: FileDescriptor

    private static let readSize = 4096
    /// Past this many bytes of replies owed, they are written before the next line is answered.
    private static let owedBytesLimit = 64 * 1024
    private static let replyTimeoutMilliseconds = 5_000

    func run() {
        metrics.clientConnected()
        defer { metrics.clientDisconnected() }
        let client = connection.descriptor
        var lines = LineReader(maximumLength: StateRequest.maximumLineLength)
        var deadline = Deadline.after(milliseconds: idleTimeoutMilliseconds)
        // Replies to lines that arrived together go out in one write, once no complete line is left.
        var owed: [UInt8] = []
        while true {
            do throws(LineReader.LineTooLong) {
                if let line = try lines.nextLine() {
                    let isLast: Bool
                    switch answer(line) {
                    case .none: isLast = false
                    case .text(let text):
                        owe(text, in: &owed)
                        isLast = false
                    case .reply(let reply):
                        owe(reply.encoded, in: &owed)
                        isLast = reply == .bye
                    }
                    if isLast || owed.count >= Self.owedBytesLimit {
                        guard sendAll(owed), !isLast else { return }
                        owed = []
                    }
                    deadline = .after(milliseconds: idleTimeoutMilliseconds)
                    continue
                }
            } catch {
                let message = "a line may be at most \(StateRequest.maximumLineLength) bytes"
                owe(StateReply.error(ProtocolError(.lineTooLong, message)).encoded, in: &owed)
                _ = sendAll(owed)
                return
            }
            if !owed.isEmpty {
                guard sendAll(owed) else { return }
                owed = []
            }
            // Read first, poll only when nothing is waiting: a command usually arrives with its connection.
            // A client between commands has nothing waiting, so it still sees the stop signal at once.
            let available: [UInt8]?
            do {
                available = try client.readAvailable(upTo: Self.readSize)
            } catch {
                return
            }
            if let chunk = available {
                guard !chunk.isEmpty else { return }
                lines.append(chunk)
                continue
            }
            guard let ready = try? FileDescriptor.poll([client, stopSignal], for: .readable, until: deadline)
            else { return }
            if ready.isEmpty {
                _ = send(.error(ProtocolError(.timeout, "no complete line within the idle timeout")))
                return
            }
            if ready.contains(1) { return }
        }
    }

    /// Adds `bytes` to the replies owed; the first is kept as it is, not copied.
    private func owe(_ bytes: [UInt8], in owed: inout [UInt8]) {
        if owed.isEmpty { owed = bytes } else { owed += bytes }
    }

    /// What a line is answered with: a reply line, raw reply bytes (the METRICS text with its `OK`
    /// line, the answer to HELLO), or nothing at all (REPORT).
    private enum Answer {
        case reply(StateReply)
        case text([UInt8])
        case none
    }

    private func answer(_ line: [UInt8]) -> Answer {
        let start = Deadline.now
        do throws(ProtocolError) {
            if let hello = try ProtocolHello(decoding: line[...]) {
                return .text(hello.answer())
            }
            switch try MetricsCommand(decoding: line[...]) {
            case .report(let route, let status)?:
                metrics.countResponse(route, status: status)
                return .none
            case .metrics(let identity, let address)?:
                if let refusal = access.refusalOfMetrics(identity: identity, address: address) {
                    metrics.countOperation(.metrics, .refused(refusal.code), seconds: Self.seconds(since: start))
                    return .reply(.error(refusal))
                }
                let text = metrics.text()
                var bytes: [UInt8] = []
                bytes.append(ascii: "OK ")
                bytes.append(decimal: Int64(text.count))
                bytes.append(UInt8(ascii: "\n"))
                metrics.countOperation(.metrics, .ok, seconds: Self.seconds(since: start))
                return .text(bytes + text)
            case nil:
                // A budget counts from now, on this daemon's own clock.
                let request = try StateRequest(decoding: line, receivedAt: start.nanoseconds / 1_000_000)
                if let refusal = access.refusal(for: request, from: peer) {
                    metrics.countOperation(
                        OperationKind(request.command), .refused(refusal.code), seconds: Self.seconds(since: start))
                    return .reply(.error(refusal))
                }
                var readable = AccessPolicy.ReadableAccounts.all
                if case .list = request.command { readable = access.readableAccounts(identity: request.identity) }
                let reply = backend.reply(to: request, readable: readable)
                metrics.countOperation(
                    OperationKind(request.command), OperationOutcome(reply), seconds: Self.seconds(since: start))
                return .reply(reply)
            }
        } catch {
            if MetricsCommand.isReport(line[...]) {
                metrics.countDroppedReport()
                return .none
            }
            metrics.countOperation(.invalid, .refused(error.code), seconds: Self.seconds(since: start))
            return .reply(.error(error))
        }
    }

    private static func seconds(since start: Deadline) -> Double {
        Double(Deadline.now.nanoseconds - start.nanoseconds) / 1e9
    }

    private func sendAll(_ bytes: [UInt8]) -> Bool {
        (try? connection.descriptor.writeAll(bytes, until: .after(milliseconds: Self.replyTimeoutMilliseconds))) != nil
    }

    private func send(_ reply: StateReply) -> Bool {
        (try? connection.descriptor.writeAll(reply.encoded, until: .after(milliseconds: Self.replyTimeoutMilliseconds)))
            != nil
    }
}
