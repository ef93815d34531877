import ATMProtocol
import ATMSystem

/// One client of the daemon: reads lines, answers each, until the client leaves, idles too long or the daemon stops.
///
/// The buffer never holds more than one line's maximum plus one read, and every wait has a deadline,
/// so a silent, slow or flooding client costs only its own thread.
struct ClientSession: ~Copyable {
    let connection: Connection
    let backend: any StateBackend
    let idleTimeoutMilliseconds: Int
    /// Becomes readable (end of file) when the daemon is stopping.
    let stopSignal: FileDescriptor

    private static let readSize = 4096
    private static let replyTimeoutMilliseconds = 5_000

    func run() {
        let client = connection.descriptor
        var lines = LineReader(maximumLength: StateRequest.maximumLineLength)
        var deadline = Deadline.after(milliseconds: idleTimeoutMilliseconds)
        while true {
            do throws(LineReader.LineTooLong) {
                if let line = try lines.nextLine() {
                    let reply = answer(line)
                    guard send(reply), reply != .bye else { return }
                    deadline = .after(milliseconds: idleTimeoutMilliseconds)
                    continue
                }
            } catch {
                let message = "a line may be at most \(StateRequest.maximumLineLength) bytes"
                _ = send(.error(ProtocolError(.lineTooLong, message)))
                return
            }
            guard let ready = try? FileDescriptor.poll([client, stopSignal], for: .readable, until: deadline)
            else { return }
            if ready.isEmpty {
                _ = send(.error(ProtocolError(.timeout, "no complete line within the idle timeout")))
                return
            }
            if ready.contains(1) { return }
            guard let chunk = try? client.read(upTo: Self.readSize, until: deadline), !chunk.isEmpty else { return }
            lines.append(chunk)
        }
    }

    private func answer(_ line: [UInt8]) -> StateReply {
        do throws(ProtocolError) {
            return backend.reply(to: try StateRequest(decoding: line))
        } catch {
            return .error(error)
        }
    }

    private func send(_ reply: StateReply) -> Bool {
        (try? connection.descriptor.writeAll(reply.encoded, until: .after(milliseconds: Self.replyTimeoutMilliseconds)))
            != nil
    }
}
