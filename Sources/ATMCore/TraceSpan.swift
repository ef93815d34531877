import ATMBytes

/// A W3C trace and the span of it one request is: the ids the access line, the protocol's `trace=`
/// and the audit line share (W3C Trace Context, *trace-id* and *parent-id*).
///
/// Held as integers, not text: a small value that travels through several copies per request, written
/// as hex (``HexDigits``, a word at a time) straight into each line that shows it, never as a `String`.
/// Neither id is all zeros, which the recommendation makes invalid, so a value of this type is always
/// one that may be sent on.
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
        self.init(known: traceHigh, traceLow, spanID: spanID)
    }

    private init(known high: UInt64, _ low: UInt64, spanID: UInt64) {
        traceHigh = high
        traceLow = low
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

    /// Writes `<trace-id>-<span-id>`, as ``init(encoded:)`` reads it, in one append.
    @inlinable
    public func write<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        let (high, low, span) = (HexDigits.sixteen(traceHigh), HexDigits.sixteen(traceLow), HexDigits.sixteen(spanID))
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (high.0, high.1, low.0, low.1, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { bytes in
            bytes.storeBytes(of: UInt8(ascii: "-"), toByteOffset: 32, as: UInt8.self)
            bytes.storeBytes(of: span.0, toByteOffset: 33, as: UInt64.self)
            bytes.storeBytes(of: span.1, toByteOffset: 41, as: UInt64.self)
            line.append(raw: UnsafeRawBufferPointer(rebasing: bytes[..<49]))
        }
    }

    /// Writes the trace id: 32 lowercase hex digits.
    @inlinable
    public func writeTraceID<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        var digits = (HexDigits.sixteen(traceHigh), HexDigits.sixteen(traceLow))
        withUnsafeBytes(of: &digits) { line.append(raw: $0) }
    }

    /// Writes the span id: 16 lowercase hex digits.
    @inlinable
    public func writeSpanID<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        var digits = HexDigits.sixteen(spanID)
        withUnsafeBytes(of: &digits) { line.append(raw: $0) }
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
        writeSpanID(to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// A span of a new trace, from three random words; an all-zero draw, which the recommendation forbids
    /// for either id, becomes 1 (a chance of one in 2^64).
    public static func random(_ words: (UInt64, UInt64, UInt64)) -> TraceSpan {
        TraceSpan(known: words.0, words.1 | (words.0 | words.1 == 0 ? 1 : 0), spanID: words.2 == 0 ? 1 : words.2)
    }

    /// A new span of the trace `trace` (not all zeros: a parsed `traceparent`'s), with the random id `word`
    /// (all zeros becomes 1).
    public static func random(in trace: (high: UInt64, low: UInt64), word: UInt64) -> TraceSpan {
        TraceSpan(known: trace.high, trace.low | (trace.high | trace.low == 0 ? 1 : 0), spanID: word == 0 ? 1 : word)
    }
}
