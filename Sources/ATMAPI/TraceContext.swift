import ATMBytes
import ATMCore
import HTTP1

/// The trace one request belongs to and the span it is here: the caller's trace when its `traceparent`
/// is valid, else a new one (W3C Trace Context, *Processing Model*).
///
/// The span travels to the daemon (`trace=`) and into both logs, and the response says it back in
/// `traceparent` (and `tracestate`, when the caller's was valid and is passed on).
public struct TraceContext: Sendable, Hashable {
    /// The trace id and this request's own new span id.
    public let span: TraceSpan
    /// The caller's `sampled` flag, kept; a new trace is sampled, since every request's ids are logged.
    public let isSampled: Bool
    /// The caller's `tracestate`, validated, passed on only with its valid `traceparent`.
    public let state: [UInt8]?

    /// The context for a request with `head` (none: a request too broken to have one), drawing ids from
    /// `random` (three random words): the last for a span of the caller's trace, all three for a new
    /// trace and span.
    ///
    /// A new trace drops the caller's `tracestate`: its entries belong to the trace that was refused.
    public init(for head: HTTPRequestHead?, random: () -> (UInt64, UInt64, UInt64)) {
        let words = random()
        if let head, let parent = TraceContextField.parent(in: head) {
            span = TraceSpan.random(in: (parent.traceHigh, parent.traceLow), word: words.2)
            isSampled = parent.isSampled
            state = TraceContextField.state(in: head)
        } else {
            span = TraceSpan.random(words)
            isSampled = true
            state = nil
        }
    }

    /// `traceparent`'s value for the response: version 00, the trace id, this request's span id, and only
    /// the `sampled` flag (*trace-flags*: flags this version does not define are sent as zero).
    public var traceparent: [UInt8] {
        ArrayOfBytes.make(capacity: 55) { value in
            value.append(ascii: "00-")
            span.write(to: &value)
            value.append(ascii: isSampled ? "-01" : "-00")
        }
    }

    /// Adds `traceparent`, and `tracestate` when there is one to pass on, to `response`.
    public func addFields(to response: inout HTTPResponse) {
        response.extraFields.append(HTTPField(name: "traceparent", value: traceparent))
        if let state { response.extraFields.append(HTTPField(name: "tracestate", value: state)) }
    }
}
