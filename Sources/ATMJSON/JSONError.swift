/// Why bytes are not the JSON we accept, with the offset where reading stopped.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case unexpectedEnd
        case unexpectedByte(UInt8)
        case invalidUTF8
        case invalidEscape
        case controlCharacterInString
        case invalidNumber
        case tooDeep
        case trailingData
        /// The document is not an object.
        case notAnObject
    }

    public let reason: Reason
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        switch reason {
        case .unexpectedEnd: return "malformed JSON: the document ends too early"
        case .unexpectedByte(let byte):
            let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
            return "malformed JSON: unexpected \(shown) at offset \(offset)"
        case .invalidUTF8: return "malformed JSON: invalid UTF-8 at offset \(offset)"
        case .invalidEscape: return "malformed JSON: invalid escape sequence at offset \(offset)"
        case .controlCharacterInString: return "malformed JSON: unescaped control character at offset \(offset)"
        case .invalidNumber: return "malformed JSON: invalid number at offset \(offset)"
        case .tooDeep: return "malformed JSON: nested too deeply"
        case .trailingData: return "malformed JSON: extra data after the document at offset \(offset)"
        case .notAnObject: return "the document is not a JSON object"
        }
    }
}
