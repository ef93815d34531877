import ATMBytes

/// The request line and header section of one request, checked against RFC 9112.
public struct HTTPRequestHead: Sendable, Hashable {
    /// The methods RFC 9110 defines, plus PATCH; any other token is answered 501.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH

        /// The method spelled by `token` (case-sensitive, RFC 9110 §9.1), or `nil` for any other token.
        public init?(_ token: ArraySlice<UInt8>) {
            if ASCII.equals(token, "GET") {
                self = .GET
            } else if ASCII.equals(token, "POST") {
                self = .POST
            } else if ASCII.equals(token, "HEAD") {
                self = .HEAD
            } else if ASCII.equals(token, "PUT") {
                self = .PUT
            } else if ASCII.equals(token, "DELETE") {
                self = .DELETE
            } else if ASCII.equals(token, "CONNECT") {
                self = .CONNECT
            } else if ASCII.equals(token, "OPTIONS") {
                self = .OPTIONS
            } else if ASCII.equals(token, "TRACE") {
                self = .TRACE
            } else if ASCII.equals(token, "PATCH") {
                self = .PATCH
            } else {
                return nil
            }
        }
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
    /// The bytes after the target's first `?` (RFC 3986 §3.4), as sent: still percent-encoded;
    /// `nil` when the target has no `?`. Routing never looks at it; the routes that take
    /// parameters parse it themselves.
    public var query: [UInt8]?
    public var version: Version
    public var fields: [Field] = []
    public var framing: Framing = .none

    public init(
        method: Method, path: [UInt8], query: [UInt8]? = nil, version: Version, fields: [Field] = [],
        framing: Framing = .none
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.version = version
        self.fields = fields
        self.framing = framing
    }

    /// Whether the client asked to end the connection after this request (`Connection: close`, RFC 9112 §9.6).
    public var asksToClose: Bool {
        for value in values(of: "connection") {
            for option in value.split(separator: UInt8(ascii: ","))
            where HTTPSyntax.equalsIgnoringCase(
                HTTPSyntax.trimmingWhitespace(option), "close")
            {
                return true
            }
        }
        return false
    }

    /// Every value of the field named `name` (lowercase), in order.
    public func values(of name: StaticString) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for field in fields where ASCII.equals(field.name[...], name) {
            result.append(field.value)
        }
        return result
    }

    /// The value of `name`, or `nil` when it is absent; several values are joined with ", " as a list would be.
    public func value(of name: StaticString) -> [UInt8]? {
        var result: [UInt8]?
        for field in fields where ASCII.equals(field.name[...], name) {
            if result == nil {
                result = field.value
            } else {
                result!.append(ascii: ", ")
                result!.append(contentsOf: field.value)
            }
        }
        return result
    }

    /// How many times the field `name` appears.
    public func count(of name: StaticString) -> Int {
        var count = 0
        for field in fields where ASCII.equals(field.name[...], name) { count += 1 }
        return count
    }
}
