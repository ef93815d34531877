import ATMLedger
import ATMProtocol
import ATMSystem

/// One client of the daemon: reads lines, answers each, until the client leaves, idles too long or the daemon stops.
///
/// The buffer never holds more than one line's maximum plus one read, and every wait has a deadline,
/// so a silent, slow or flooding client costs only its own thread.
struct ClientSession: ~Copyable {
    let connection: Connection
    let store: AccountStore
    let idleTimeoutMilliseconds: Int
    /// Becomes readable (end of file) when the daemon is stopping.
    let stopSignal: FileDescriptor

    private static let readSize = 4096
    private static let replyTimeoutMilliseconds = 5_000

    func run() {
        let client = connection.descriptor
        var buffer: [UInt8] = []
        var deadline = Deadline.after(milliseconds: idleTimeoutMilliseconds)
        while true {
            let newline = buffer.firstIndex(of: UInt8(ascii: "\n"))
            if buffer.count >= StateCommand.maximumLineLength && (newline ?? .max) >= StateCommand.maximumLineLength {
                let message = "a line may be at most \(StateCommand.maximumLineLength) bytes"
                _ = send(.error(ProtocolError(.lineTooLong, message)))
                return
            }
            if let newline {
                let reply = answer(buffer[..<newline])
                buffer.removeSubrange(...newline)
                guard send(reply), reply != .bye else { return }
                deadline = .after(milliseconds: idleTimeoutMilliseconds)
                continue
            }
            guard let ready = try? FileDescriptor.poll([client, stopSignal], for: .readable, until: deadline)
            else { return }
            if ready.isEmpty {
                _ = send(.error(ProtocolError(.timeout, "no complete line within the idle timeout")))
                return
            }
            if ready.contains(1) { return }
            guard let chunk = try? client.read(upTo: Self.readSize, until: deadline), !chunk.isEmpty else { return }
            buffer += chunk
        }
    }

    private func answer(_ line: ArraySlice<UInt8>) -> StateReply {
        do {
            return store.reply(to: try StateCommand(decoding: line))
        } catch {
            return .error(error)
        }
    }

    private func send(_ reply: StateReply) -> Bool {
        (try? connection.descriptor.writeAll(reply.encoded, until: .after(milliseconds: Self.replyTimeoutMilliseconds)))
            != nil
    }
}
