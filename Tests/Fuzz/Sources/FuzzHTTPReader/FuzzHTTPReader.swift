import ATMAPI
import HTTP1

/// Arbitrary bytes as a request, read three ways: whole, split in two at a point the bytes choose,
/// and (for short inputs) one byte at a time. All three must agree, and nothing may trap or hang.
/// Then the same bytes as a persistent connection's stream of several requests, each read by a
/// fresh reader from the previous one's `unconsumedBytes`, as atm-handler does with keep-alive:
/// the three ways must again agree on every request, and no byte may be lost or counted twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = HTTPRequestReader.Limits(requestLine: 256, headerSection: 512, body: 128)
    let whole = HTTPRequestReader.read(input, chunkSizes: [input.count], limits: limits)
    let split = input.reduce(0) { $0 &+ Int($1) } % (input.count + 1)
    let twoParts = HTTPRequestReader.read(input, chunkSizes: [split, input.count - split], limits: limits)
    precondition(whole == twoParts, "split at \(split) changed the result")
    if input.count <= 512 {
        let oneByOne = HTTPRequestReader.read(
            input, chunkSizes: Array(repeating: 1, count: input.count), limits: limits)
        precondition(whole == oneByOne, "byte-by-byte reading changed the result")
    }
    if case .complete(let head, let body) = whole {
        precondition(body.count <= limits.body, "a body past the limit was accepted")
        _ = RequestPlan(for: head, limits: limits)
    }
    if case .failure(let error) = whole {
        _ = APIError.read(error).response.serialized(date: HTTPDate(secondsSinceEpoch: Int64(size)))
    }

    let stream = Stream.read(input, chunkSizes: [input.count], limits: limits)
    precondition(
        stream.events.first == whole.event || (stream.events.isEmpty && input.isEmpty), "the first request differs")
    let streamTwoParts = Stream.read(input, chunkSizes: [split, input.count - split], limits: limits)
    precondition(stream == streamTwoParts, "split at \(split) changed the stream's requests")
    if input.count <= 512 {
        let streamOneByOne = Stream.read(input, chunkSizes: Array(repeating: 1, count: input.count), limits: limits)
        precondition(stream == streamOneByOne, "byte-by-byte reading changed the stream's requests")
    }
    return 0
}

/// Requests read one after another from one connection's bytes, as the handler's keep-alive loop reads them.
private struct Stream: Equatable {
    /// Every request's final event, in order: complete ones, then at most one failure, which ends the connection.
    var events: [HTTPRequestReader.Event] = []
    /// How many input bytes the complete requests took (the rest began a request that did not complete).
    var consumed = 0

    /// At most this many requests, so a stream of tiny requests stays quick.
    static let maximumRequests = 16

    static func read(_ bytes: [UInt8], chunkSizes: [Int], limits: HTTPRequestReader.Limits) -> Stream {
        var stream = Stream()
        var reader = HTTPRequestReader(limits: limits)
        var held = 0  // bytes the current reader holds
        var offset = 0
        var chunks = chunkSizes.makeIterator()
        while stream.events.count < maximumRequests {
            var event = reader.next()
            if case .head = event { event = reader.next() }
            switch event {
            case .complete:
                stream.events.append(event)
                let leftover = reader.unconsumedBytes
                precondition(leftover.count <= held, "a reader gave back more bytes than it was given")
                stream.consumed += held - leftover.count
                reader = HTTPRequestReader(limits: limits)
                reader.append(leftover)
                held = leftover.count
                continue
            case .failure:
                stream.events.append(event)
                return stream
            case .needMore, .head:
                break
            }
            guard offset < bytes.count, let size = chunks.next() else {
                // End of input: a request that sent nothing is a quiet close, anything else is finished.
                if held > 0 { stream.events.append(reader.finish().event) }
                return stream
            }
            let end = min(offset + max(size, 0), bytes.count)
            reader.append(bytes[offset..<end])
            held += end - offset
            offset = end
        }
        precondition(stream.consumed <= bytes.count, "more bytes consumed than arrived")
        return stream
    }
}
