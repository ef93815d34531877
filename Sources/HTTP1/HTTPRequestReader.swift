/// An incremental, strict HTTP/1.1 request reader (RFC 9112) that never touches a descriptor.
///
/// Feed it bytes with ``append(_:)`` as they arrive and ask ``next()`` what it has: "need more",
/// the head, the whole request, or the error to answer with. Because it keeps no I/O of its own it
/// can be fed one byte at a time in tests and fuzzed; bytes after the request stay in
/// ``unconsumedBytes`` for a later request on the same connection.
public struct HTTPRequestReader: Sendable {
    /// The sizes past which a request is refused; docs/http-api.md gives the defaults and their settings.
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

    /// What the reader has once the input ended: a request can only be whole or refused there.
    public enum Ending: Sendable, Hashable {
        case complete(HTTPRequestHead, body: [UInt8])
        case failure(HTTPReadError)

        /// The same outcome as an ``Event``, for a caller that handles both alike.
        public var event: Event {
            switch self {
            case .complete(let head, let body): return .complete(head, body: body)
            case .failure(let error): return .failure(error)
            }
        }
    }

    /// Where the reader is; every state past the request line carries the head read so far.
    enum State: Sendable, Hashable {
        case requestLine
        case headers(HTTPRequestHead)
        case headReported(HTTPRequestHead)
        case fixedBody(HTTPRequestHead, remaining: Int)
        case chunkSize(HTTPRequestHead)
        case chunkData(HTTPRequestHead, remaining: Int)
        case chunkDataEnd(HTTPRequestHead)
        case trailers(HTTPRequestHead)
        case complete(HTTPRequestHead)
        case failed(HTTPReadError)
    }

    public let limits: Limits
    var buffer: [UInt8] = []
    var position = 0
    var state = State.requestLine
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
    public var isComplete: Bool {
        if case .complete = state { return true }
        return false
    }

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
    public mutating func finish() -> Ending {
        switch next() {
        case .complete(let head, let body): return .complete(head, body: body)
        case .failure(let error): return .failure(error)
        case .needMore, .head:
            let error: HTTPReadError
            switch state {
            case .requestLine, .headers:
                error = .malformed(position == buffer.count && buffer.isEmpty ? .nothingSent : .headEndedEarly)
            default:
                error = .malformed(.bodyShorterThanDeclared)
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
            state = .headers(try Self.parseRequestLine(line))
            return .progress
        case .headers(var head):
            let remainingAllowance = limits.headerSection - headerBytes
            let before = position
            guard
                let line = try takeLine(
                    limit: remainingAllowance, tooLong: .headersTooLarge(limit: limits.headerSection))
            else { return .event(.needMore) }
            headerBytes += position - before
            if line.isEmpty {
                try Self.finishHead(&head)
                state = .headReported(head)
                return .event(.head(head))
            }
            state = .requestLine  // drops the state's copy, so appending to `head` does not copy its fields
            head.fields.append(try Self.parseField(line))
            state = .headers(head)
            return .progress
        case .headReported(let head):
            switch head.framing {
            case .none:
                state = .complete(head)
            case .contentLength(let length):
                guard length <= limits.body else { throw .bodyTooLarge(limit: limits.body) }
                state = .fixedBody(head, remaining: length)
            case .chunked:
                state = .chunkSize(head)
            }
            return .progress
        case .fixedBody(let head, let remaining):
            if remaining == 0 {
                state = .complete(head)
                return .progress
            }
            let available = min(remaining, buffer.count - position)
            if available == 0 { return .event(.needMore) }
            body += buffer[position..<position + available]
            position += available
            state = .fixedBody(head, remaining: remaining - available)
            return .progress
        case .chunkSize(let head):
            return try advanceChunkSize(head)
        case .chunkData(let head, let remaining):
            return advanceChunkData(head, remaining: remaining)
        case .chunkDataEnd(let head):
            return try advanceChunkDataEnd(head)
        case .trailers(let head):
            return try advanceTrailers(head)
        case .complete(let head):
            return .event(.complete(head, body: body))
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
        if line.contains(0x0D) { throw .malformed(.bareCarriageReturn) }
        return line
    }
}
