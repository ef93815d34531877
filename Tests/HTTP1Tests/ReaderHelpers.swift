import HTTP1

/// Feeds `bytes` to a reader `chunkSize` bytes at a time and returns the final event (finishing at end of input).
func readRequest(
    _ bytes: [UInt8],
    limits: HTTPRequestReader.Limits = .init(),
    chunkSize: Int = .max
) -> HTTPRequestReader.Ending {
    let size = min(chunkSize, max(bytes.count, 1))
    let chunks = Array(repeating: size, count: (bytes.count + size - 1) / size)
    return HTTPRequestReader.read(bytes, chunkSizes: chunks, limits: limits)
}

func readRequest(_ text: String, limits: HTTPRequestReader.Limits = .init(), chunkSize: Int = .max)
    -> HTTPRequestReader.Ending
{
    readRequest(Array(text.utf8), limits: limits, chunkSize: chunkSize)
}

/// The status an event would be answered with: 200 for a complete request.
func status(of ending: HTTPRequestReader.Ending) -> Int { status(of: ending.event) }

func body(of ending: HTTPRequestReader.Ending) -> String? { body(of: ending.event) }

func status(of event: HTTPRequestReader.Event) -> Int {
    switch event {
    case .complete: return 200
    case .failure(let error): return error.status.code
    case .needMore, .head: return 0
    }
}

func body(of event: HTTPRequestReader.Event) -> String? {
    guard case .complete(_, let body) = event else { return nil }
    return String(decoding: body, as: UTF8.self)
}
