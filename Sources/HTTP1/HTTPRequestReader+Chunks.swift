extension HTTPRequestReader {
    /// Reads `bytes` as if they arrived in pieces of `chunkSizes`, then as if the input ended there:
    /// the final event. Tests and the fuzzer use it to check that every way of splitting the same
    /// bytes reads the same.
    public static func read(_ bytes: [UInt8], chunkSizes: [Int], limits: Limits = Limits()) -> Ending {
        var reader = HTTPRequestReader(limits: limits)
        var offset = 0
        for size in chunkSizes where size > 0 && offset < bytes.count {
            let end = min(offset + size, bytes.count)
            reader.append(bytes[offset..<end])
            offset = end
            var event = reader.next()
            if case .head = event { event = reader.next() }
            switch event {
            case .complete(let head, let body): return .complete(head, body: body)
            case .failure(let error): return .failure(error)
            case .needMore, .head: continue
            }
        }
        if offset < bytes.count { reader.append(bytes[offset...]) }
        return reader.finish()
    }
}
