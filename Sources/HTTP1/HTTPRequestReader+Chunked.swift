import ATMBytes

extension HTTPRequestReader {
    /// The longest chunk-size line accepted, extensions included.
    static let maximumChunkLineLength = 1024

    /// `chunk-size [ chunk-ext ] CRLF` (RFC 9112 §7.1): a size of zero starts the trailer section.
    mutating func advanceChunkSize(_ head: HTTPRequestHead) throws(HTTPReadError) -> Step {
        let malformedLine = HTTPReadError.malformed(.chunkLineTooLong)
        guard let line = try takeLine(limit: Self.maximumChunkLineLength, tooLong: malformedLine) else {
            return .event(.needMore)
        }
        let size = try parseChunkSize(line)
        state = size == 0 ? .trailers(head) : .chunkData(head, remaining: size)
        return .progress
    }

    /// `chunk-data`: as much of the chunk as has arrived.
    mutating func advanceChunkData(_ head: HTTPRequestHead, remaining: Int) -> Step {
        let available = min(remaining, buffer.count - position)
        if available == 0 { return .event(.needMore) }
        body += buffer[position..<position + available]
        position += available
        state = remaining == available ? .chunkDataEnd(head) : .chunkData(head, remaining: remaining - available)
        return .progress
    }

    /// The CRLF after each chunk's data.
    mutating func advanceChunkDataEnd(_ head: HTTPRequestHead) throws(HTTPReadError) -> Step {
        guard let line = try takeLine(limit: 2, tooLong: .malformed(.chunkDataEnd)) else {
            return .event(.needMore)
        }
        guard line.isEmpty else { throw .malformed(.chunkDataEnd) }
        state = .chunkSize(head)
        return .progress
    }

    /// `trailer-section CRLF`: each trailer is checked as a field and dropped; it counts against the header limit.
    mutating func advanceTrailers(_ head: HTTPRequestHead) throws(HTTPReadError) -> Step {
        let before = position
        let allowance = limits.headerSection - headerBytes
        guard let line = try takeLine(limit: allowance, tooLong: .headersTooLarge(limit: limits.headerSection))
        else {
            return .event(.needMore)
        }
        headerBytes += position - before
        if line.isEmpty {
            state = .complete(head)
        } else {
            _ = try Self.parseField(line)
        }
        return .progress
    }

    /// `chunk-size [ chunk-ext ]`: hex digits, then optional `;name[=value]` extensions, which are ignored.
    ///
    /// Leading zeros are legal and only the value counts; it is refused as too large as soon as it
    /// passes what the body may still hold, and the arithmetic reports overflow rather than trapping.
    private func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPReadError) -> Int {
        let digitsEnd = line.firstIndex { DecimalDigits.hexValue($0) == nil } ?? line.endIndex
        let digits = line[..<digitsEnd]
        guard !digits.isEmpty else { throw .malformed(.chunkSizeNotHexadecimal) }
        let allowance = UInt64(max(limits.body - body.count, 0))
        guard let size = DecimalDigits.parseHexadecimal(digits, maximum: allowance) else {
            throw .bodyTooLarge(limit: limits.body)
        }
        let extensions = HTTPSyntax.trimmingWhitespace(line[digitsEnd...])
        if !extensions.isEmpty {
            guard extensions.first == UInt8(ascii: ";"), extensions.allSatisfy(HTTPSyntax.isFieldValueByte) else {
                throw .malformed(.chunkSizeTrailer)
            }
        }
        return Int(size)
    }
}
