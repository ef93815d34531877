import ATMHTTP

/// Arbitrary bytes as a request, read three ways: whole, split in two at a point the bytes choose,
/// and (for short inputs) one byte at a time. All three must agree, and nothing may trap or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = HTTPRequestReader.Limits(requestLine: 256, headerSection: 512, body: 128)
    let whole = read(input, limits: limits, chunks: [input.count])
    let split = input.reduce(0) { $0 &+ Int($1) } % (input.count + 1)
    let twoParts = read(input, limits: limits, chunks: [split, input.count - split])
    precondition(whole == twoParts, "split at \(split) changed the result")
    if input.count <= 512 {
        let oneByOne = read(input, limits: limits, chunks: Array(repeating: 1, count: input.count))
        precondition(whole == oneByOne, "byte-by-byte reading changed the result")
    }
    if case .complete(let head, let body) = whole {
        precondition(body.count <= limits.body, "a body past the limit was accepted")
        _ = RequestPlan(for: head, limits: limits)
    }
    if case .failure(let error) = whole {
        _ = error.response.serialized()
    }
    return 0
}

private func read(_ input: [UInt8], limits: HTTPRequestReader.Limits, chunks: [Int]) -> HTTPRequestReader.Event {
    var reader = HTTPRequestReader(limits: limits)
    var offset = 0
    for length in chunks where length > 0 {
        reader.append(input[offset..<offset + length])
        offset += length
        while true {
            let event = reader.next()
            switch event {
            case .complete, .failure: return event
            case .head: continue
            case .needMore: break
            }
            break
        }
    }
    return reader.finish()
}
