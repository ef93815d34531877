import ATMProtocol
import ATMSystem

/// One command to `atm-stated` over a fresh Unix socket connection, with one deadline for connect, send and reply.
struct StateClient {
    let socketPath: String
    let timeoutMilliseconds: Int

    /// The largest reply read (a LIST of very many accounts); a longer one counts as a failure.
    private static let maximumReplyBytes = 64 << 20

    /// The daemon's reply, or `nil` when it could not be reached or did not answer in time.
    func send(_ command: StateCommand) -> StateReply? {
        let deadline = Deadline.after(milliseconds: timeoutMilliseconds)
        do {
            let connection = try Connection.connect(toUnixSocket: socketPath, until: deadline)
            try connection.descriptor.writeAll(command.encoded, until: deadline)
            var reply: [UInt8] = []
            while true {
                guard let chunk = try connection.descriptor.read(upTo: 64 * 1024, until: deadline), !chunk.isEmpty
                else { return nil }
                let searchFrom = reply.count
                reply += chunk
                if let newline = reply[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                    return try? StateReply(decoding: reply[..<newline], answering: command)
                }
                if reply.count > Self.maximumReplyBytes { return nil }
            }
        } catch {
            return nil
        }
    }
}
