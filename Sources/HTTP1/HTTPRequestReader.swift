/// An incremental, strict HTTP/1.1 request reader (RFC 9112) that never touches a descriptor.
///
/// Feed it bytes with ``append(_:)`` as they arrive and ask ``next()`` what it has: "need more",
/// the head, the whole request, or the error to answer with. Because it keeps no I/O of its own it
/// can be fed one byte at a time in tests and fuzzed; bytes after the request stay in
/// ``unconsumedBytes`` for a later request on the same connection.
public struct HTTPRequestReader: Sendable {
    /// The sizes past which a request is refused; CONTRACT.md gives the defaults.
    public struct Limits: Sendable, Hashable {
        public var requestLine: Int
        public var headerSection: Int
        public var body: Int

        public init(requestLine: Int = 8192, headerSection: Int = 16384, body: Int = 4096) {
            self.requestLine = requestLine
            self.headerSection = headerSection
            self.body = body
        }
    }

    /// What the reader has, each time it is asked.
    public enum Event: Sendable, Hashable {
        case needMore
        /// The head is complete; reported once, before the body is read (time for `100 Continue`).
        case head(HTTPRequestHead)
        /// The whole request is in: its head and its decoded body.
        case complete(HTTPRequestHead, body: [UInt8])
        case failure(HTTPReadError)
    }

    enum State: Sendable, Hashable {
        case requestLine
        case headers
        case headReported
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case complete
        case failed(HTTPReadError)
    }

    public let limits: Limits
    var buffer: [UInt8] = []
    var position = 0
    var state = State.requestLine
    var head: HTTPRequestHead?
    var headerBytes = 0
    var body: [UInt8] = []
    /// Empty lines skipped before the request line (RFC 9112 §2.2 allows a few); counted, not inferred
    /// from `position`, which restarts when the buffer is compacted.
    var skippedEmptyLines = 0

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Adds bytes that arrived.
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        if position > 0 && position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Adds bytes that arrived.
    public mutating func append(_ bytes: [UInt8]) {
        append(bytes[...])
    }

    /// The bytes received after the end of the request (pipelined requests), once it is complete.
    public var unconsumedBytes: ArraySlice<UInt8> {
        buffer[position...]
    }

    /// Whether the whole request has been read.
    public var isComplete: Bool { state == .complete }

    /// Advances as far as the buffered bytes allow.
    public mutating func next() -> Event {
        while true {
            let step: Step
            do {
                step = try advance()
            } catch {
                state = .failed(error)
                return .failure(error)
            }
            switch step {
            case .progress: continue
            case .event(let event): return event
            }
        }
    }

    /// Call at end of input: the request is complete, or this is the error for a request cut short.
    public mutating func finish() -> Event {
        let event = next()
        switch event {
        case .complete, .failure: return event
        case .needMore, .head:
            let error: HTTPReadError
            switch state {
            case .requestLine, .headers:
                error = .malformed(
                    position == buffer.count && buffer.isEmpty ? "no request was sent" : "the request head ended early")
            default:
                error = .malformed("the body is shorter than declared")
            }
            state = .failed(error)
            return .failure(error)
        }
    }

    enum Step {
        case progress
        case event(Event)
    }

    private mutating func advance() throws(HTTPReadError) -> Step {
        switch state {
        case .requestLine:
            guard let line = try takeLine(limit: limits.requestLine, tooLong: .targetTooLong(limit: limits.requestLine))
            else { return .event(.needMore) }
            if line.isEmpty && skippedEmptyLines < 4 {
                skippedEmptyLines += 1
                return .progress
            }
            head = try Self.parseRequestLine(line)
            state = .headers
            return .progress
        case .headers:
            let remainingAllowance = limits.headerSection - headerBytes
            let before = position
            guard
                let line = try takeLine(
                    limit: remainingAllowance, tooLong: .headersTooLarge(limit: limits.headerSection))
            else { return .event(.needMore) }
            headerBytes += position - before
            if line.isEmpty {
                try finishHead()
                state = .headReported
                return .event(.head(head!))
            }
            head!.fields.append(try Self.parseField(line))
            return .progress
        case .headReported:
            switch head!.framing {
            case .none:
                state = .complete
            case .contentLength(let length):
                guard length <= limits.body else { throw .bodyTooLarge(limit: limits.body) }
                state = .fixedBody(remaining: length)
            case .chunked:
                state = .chunkSize
            }
            return .progress
        case .fixedBody(let remaining):
            if remaining == 0 {
                state = .complete
                return .progress
            }
            let available = min(remaining, buffer.count - position)
            if available == 0 { return .event(.needMore) }
            body += buffer[position..<position + available]
            position += available
            state = .fixedBody(remaining: remaining - available)
            return .progress
        case .chunkSize, .chunkData, .chunkDataEnd, .trailers:
            return try advanceChunked()
        case .complete:
            return .event(.complete(head!, body: body))
        case .failed(let error):
            return .event(.failure(error))
        }
    }

    /// The next line without its terminator (CRLF, or a bare LF as RFC 9112 §2.2 allows), or `nil` if it is not all here.
    ///
    /// A CR anywhere else is a bare CR and refused.
    mutating func takeLine(limit: Int, tooLong: HTTPReadError) throws(HTTPReadError) -> ArraySlice<UInt8>? {
        let searchEnd = min(buffer.count, position + max(limit, 0))
        guard let newline = buffer[position..<searchEnd].firstIndex(of: 0x0A) else {
            if buffer.count - position >= limit { throw tooLong }
            return nil
        }
        var line = buffer[position..<newline]
        position = newline + 1
        if line.last == 0x0D { line = line.dropLast() }
        if line.contains(0x0D) { throw .malformed("a bare CR is not allowed") }
        return line
    }
}
