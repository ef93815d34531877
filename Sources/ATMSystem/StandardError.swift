/// Diagnostics for operators, written to fd 2 (or another descriptor a test passes).
public enum StandardError {
    /// Writes `line` and a newline, ignoring failures: a log line must never take the process down.
    public static func write(_ line: String, to descriptor: FileDescriptor = .standardError) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        try? descriptor.writeAll(bytes, until: .after(milliseconds: 1000))
    }
}
