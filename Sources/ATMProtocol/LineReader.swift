/// Frames a byte stream into `\n`-terminated lines: the one framer both sides of the protocol use.
///
/// A line longer than `maximumLength` (newline included) is refused as soon as the bytes show it,
/// so the buffer never holds more than one line's maximum plus the last read. Bytes are searched
/// for a newline once each, however the stream is split.
public struct LineReader: Sendable {
    public let maximumLength: Int
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already searched without finding a newline.
    private var searched = 0

    /// The line in the buffer ran past the maximum without a newline.
    public struct LineTooLong: Error, Sendable, Hashable {}

    public init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    /// Adds bytes that were read.
    public mutating func append(_ bytes: [UInt8]) {
        buffer += bytes
    }

    /// Whether part of a line is waiting for its newline.
    public var hasPartialLine: Bool { !buffer.isEmpty }

    /// The next complete line without its `\n`, or `nil` when more bytes are needed.
    public mutating func nextLine() throws(LineTooLong) -> [UInt8]? {
        if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
            guard newline < maximumLength else { throw LineTooLong() }
            let line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            searched = 0
            return line
        }
        searched = buffer.count
        guard buffer.count < maximumLength else { throw LineTooLong() }
        return nil
    }

    /// The next `count` bytes exactly as they arrived, newlines and all, or `nil` until that many
    /// are buffered: the payload that follows an `OK <byte count>` line (METRICS).
    ///
    /// The caller bounds `count` before asking; the bytes are not limited by `maximumLength`.
    public mutating func nextBytes(_ count: Int) -> [UInt8]? {
        guard buffer.count >= count else {
            searched = 0
            return nil
        }
        let bytes = Array(buffer[..<count])
        buffer.removeSubrange(..<count)
        searched = 0
        return bytes
    }
}
