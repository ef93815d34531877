import ATMAPI
import HTTP1

/// Arbitrary bytes as a request, read three ways: whole, split in two at a point the bytes choose,
/// and (for short inputs) one byte at a time. All three must agree, and nothing may trap or hang.
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
    return 0
}
