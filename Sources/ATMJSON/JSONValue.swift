/// A parsed JSON document, kept as small as this service needs.
///
/// Objects keep their members in order and keep duplicates, so that callers can refuse a
/// duplicated key instead of silently taking the first or the last.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's text, checked against the RFC 8259 grammar but never converted.
    case number([UInt8])
    /// A string's UTF-8 bytes, escapes already decoded.
    case string([UInt8])
    case array([JSONValue])
    case object([JSONMember])

    /// A name for error messages: "a number", "null", …
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public let key: [UInt8]
    public let value: JSONValue

    public init(key: [UInt8], value: JSONValue) {
        self.key = key
        self.value = value
    }
}
