extension HTTPRequestReader {
    /// The longest chunk-size line accepted, extensions included.
    static let maximumChunkLineLength = 1024

    /// `chunked-body = *chunk last-chunk trailer-section CRLF` (RFC 9112 §7.1).
    mutating func advanceChunked() throws(HTTPReadError) -> Step {
        switch state {
        case .chunkSize:
            let malformedLine = HTTPReadError.malformed("a chunk-size line is too long")
            guard let line = try takeLine(limit: Self.maximumChunkLineLength, tooLong: malformedLine) else {
                return .event(.needMore)
            }
            let size = try parseChunkSize(line)
            state = size == 0 ? .trailers : .chunkData(remaining: size)
            return .progress
        case .chunkData(let remaining):
            let available = min(remaining, buffer.count - position)
            if available == 0 { return .event(.needMore) }
            body += buffer[position..<position + available]
            position += available
            state = remaining == available ? .chunkDataEnd : .chunkData(remaining: remaining - available)
            return .progress
        case .chunkDataEnd:
            guard let line = try takeLine(limit: 2, tooLong: .malformed("chunk data must end with CRLF")) else {
                return .event(.needMore)
            }
            guard line.isEmpty else { throw .malformed("chunk data must end with CRLF") }
            state = .chunkSize
            return .progress
        case .trailers:
            let before = position
            let allowance = limits.headerSection - headerBytes
            guard let line = try takeLine(limit: allowance, tooLong: .headersTooLarge(limit: limits.headerSection))
            else {
                return .event(.needMore)
            }
            headerBytes += position - before
            if line.isEmpty {
                state = .complete
            } else {
                _ = try Self.parseField(line)
            }
            return .progress
        default:
            return .progress
        }
    }

    /// `chunk-size [ chunk-ext ]`: hex digits, then optional `;name[=value]` extensions, which are ignored.
    ///
    /// Leading zeros are legal and only the value counts; it is refused as too large as soon as it
    /// passes what the body may still hold, and the arithmetic reports overflow rather than trapping.
    private func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPReadError) -> Int {
        let allowance = limits.body - body.count
        var size = 0
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = Self.hexValue(line[index]) {
            let (shifted, shiftOverflow) = size.multipliedReportingOverflow(by: 16)
            let (sum, sumOverflow) = shifted.addingReportingOverflow(digit)
            if shiftOverflow || sumOverflow || sum > allowance { throw .bodyTooLarge(limit: limits.body) }
            size = sum
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw .malformed("a chunk size must be hexadecimal digits") }
        let extensions = HTTPSyntax.trimmingWhitespace(line[index...])
        if !extensions.isEmpty {
            guard extensions.first == UInt8(ascii: ";"), extensions.allSatisfy(HTTPSyntax.isFieldValueByte) else {
                throw .malformed("a chunk size is followed by something other than an extension")
            }
        }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
