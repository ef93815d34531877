import ATMBytes

/// A W3C trace and the span of it one request is: the ids the access line, the protocol's `trace=`
/// and the audit line share (W3C Trace Context, §3.2.2.3 trace-id and §3.2.2.4 parent-id).
///
/// Held as integers, not text: the handler writes them three times per request (a response field,
/// the protocol line, the access line) and never needs a `String`. Neither id is all zeros, which
/// the recommendation makes invalid, so a value of this type is always one that may be sent on.
public struct TraceSpan: Sendable, Hashable {
    /// The trace id's first 8 bytes (its first 16 hex digits).
    public let traceHigh: UInt64
    /// The trace id's last 8 bytes.
    public let traceLow: UInt64
    /// The span id (`parent-id` in a `traceparent` this service sends).
    public let spanID: UInt64

    /// `nil` when the trace id or the span id is all zeros.
    public init?(traceHigh: UInt64, traceLow: UInt64, spanID: UInt64) {
        guard traceHigh | traceLow != 0, spanID != 0 else { return nil }
        self.traceHigh = traceHigh
        self.traceLow = traceLow
        self.spanID = spanID
    }

    /// The length of ``write(to:)``'s form: 32 hex digits, `-`, 16 hex digits.
    public static let encodedLength = 49

    /// Reads `<32 lowercase hex trace-id>-<16 lowercase hex span-id>`, the protocol's `trace=` value;
    /// `nil` for any other length, upper-case hex, or an all-zero id.
    public init?(encoded bytes: ArraySlice<UInt8>) {
        guard bytes.count == Self.encodedLength else { return nil }
        let start = bytes.startIndex
        guard bytes[start + 32] == UInt8(ascii: "-"),
            let high = DecimalDigits.parseLowercaseHexadecimal(bytes[start..<start + 16], count: 16),
            let low = DecimalDigits.parseLowercaseHexadecimal(bytes[start + 16..<start + 32], count: 16),
            let span = DecimalDigits.parseLowercaseHexadecimal(bytes[(start + 33)...], count: 16)
        else { return nil }
        self.init(traceHigh: high, traceLow: low, spanID: span)
    }

    /// Writes `<trace-id>-<span-id>`, as ``init(encoded:)`` reads it.
    @inlinable
    public func write<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        writeTraceID(to: &line)
        line.append(UInt8(ascii: "-"))
        line.append(hexDigitsOf: spanID)
    }

    /// Writes the trace id: 32 lowercase hex digits.
    @inlinable
    public func writeTraceID<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        line.append(hexDigitsOf: traceHigh)
        line.append(hexDigitsOf: traceLow)
    }

    /// The trace id as text, for the daemon's audit line.
    public var traceIDText: String {
        var text: [UInt8] = []
        writeTraceID(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The span id as text: 16 lowercase hex digits.
    public var spanIDText: String {
        var text: [UInt8] = []
        text.append(hexDigitsOf: spanID)
        return String(decoding: text, as: UTF8.self)
    }

    /// A span of a new trace, from three random words; an all-zero draw, which the recommendation forbids
    /// for either id, becomes 1 (a chance of one in 2^64).
    public static func random(_ words: (UInt64, UInt64, UInt64)) -> TraceSpan {
        TraceSpan(
            known: words.0, words.1 | (words.0 | words.1 == 0 ? 1 : 0), spanID: words.2 == 0 ? 1 : words.2)
    }

    /// A new span of the trace `traceHigh`/`traceLow`, which is not all zeros, with a random id (all zeros
    /// becomes 1).
    public static func random(in trace: (high: UInt64, low: UInt64), word: UInt64) -> TraceSpan {
        TraceSpan(known: trace.high, trace.low | (trace.high | trace.low == 0 ? 1 : 0), spanID: word == 0 ? 1 : word)
    }

    private init(known high: UInt64, _ low: UInt64, spanID: UInt64) {
        traceHigh = high
        traceLow = low
        self.spanID = spanID
    }
}
