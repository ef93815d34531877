/// The request line and header section of one request, checked against RFC 9112.
public struct HTTPRequestHead: Sendable, Hashable {
    /// The methods RFC 9110 defines, plus PATCH; any other token is answered 501.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH
    }

    public enum Version: Sendable, Hashable {
        case http10
        case http11
    }

    /// How the body is delimited (RFC 9112 §6.3).
    public enum Framing: Sendable, Hashable {
        case none
        case contentLength(Int)
        case chunked
    }

    /// One header field; the name is lowercased, the value has its surrounding whitespace removed.
    public struct Field: Sendable, Hashable {
        public let name: [UInt8]
        public let value: [UInt8]

        public init(name: [UInt8], value: [UInt8]) {
            self.name = name
            self.value = value
        }
    }

    public var method: Method
    /// The path of an origin-form or absolute-form target, without the query.
    public var path: [UInt8]
    public var version: Version
    public var fields: [Field] = []
    public var framing: Framing = .none

    public init(method: Method, path: [UInt8], version: Version, fields: [Field] = [], framing: Framing = .none) {
        self.method = method
        self.path = path
        self.version = version
        self.fields = fields
        self.framing = framing
    }

    /// Every value of the field named `name` (lowercase), in order.
    public func values(of name: String) -> [[UInt8]] {
        let key = Array(name.utf8)
        return fields.filter { $0.name == key }.map(\.value)
    }

    /// The only value of `name`, or `nil` when it is absent; several values are joined as a list would be.
    public func value(of name: String) -> [UInt8]? {
        let all = values(of: name)
        guard !all.isEmpty else { return nil }
        return Array(all.joined(separator: Array(", ".utf8)))
    }
}
