/// Diagnostics for operators, written to fd 2.
public enum StandardError {
    /// Writes `line` and a newline to fd 2, ignoring failures: a log line must never take the process down.
    public static func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        try? FileDescriptor.standardError.writeAll(bytes, until: .after(milliseconds: 1000))
    }
}
