extension HTTPRequestReader {
    /// `request-line = method SP request-target SP HTTP-version` (RFC 9112 §3).
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPError) -> HTTPRequestHead {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, HTTPSyntax.isToken(parts[0]), !parts[1].isEmpty else {
            throw .malformed("the request line must be METHOD SP target SP HTTP-version")
        }
        let version = try parseVersion(parts[2])
        guard let method = HTTPRequestHead.Method(rawValue: String(decoding: parts[0], as: UTF8.self)) else {
            throw .methodNotImplemented
        }
        let path = try parseTarget(parts[1])
        return HTTPRequestHead(method: method, path: path, version: version)
    }

    /// `HTTP-version = "HTTP/" DIGIT "." DIGIT`; a well-formed version other than 1.0 and 1.1 is 505.
    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPError) -> HTTPRequestHead.Version {
        let text = Array(bytes)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard text.count == 8, text.starts(with: "HTTP/".utf8), isDigit(text[5]), text[6] == UInt8(ascii: "."),
            isDigit(text[7])
        else { throw .malformed("the HTTP version must look like HTTP/1.1") }
        switch (text[5], text[7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .http11
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .http10
        default: throw .versionNotSupported
        }
    }

    /// Origin-form (`/path?query`) or absolute-form (`http://host/path?query`); returns the path (RFC 9112 §3.2).
    private static func parseTarget(_ target: ArraySlice<UInt8>) throws(HTTPError) -> [UInt8] {
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformed("the request target contains a byte that is not allowed")
        }
        var rest = target
        if rest.first != UInt8(ascii: "/") {
            if rest.elementsEqual("*".utf8) { return Array(rest) }
            let lowered = HTTPSyntax.lowercased(rest.prefix(8))
            let scheme: Int
            if lowered.starts(with: "http://".utf8) {
                scheme = 7
            } else if lowered.starts(with: "https://".utf8) {
                scheme = 8
            } else {
                throw .malformed("the request target must be a path or an absolute http URL")
            }
            rest = rest.dropFirst(scheme)
            let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
            guard authorityEnd > rest.startIndex else { throw .malformed("the absolute URL has no host") }
            rest = rest[authorityEnd...]
            if rest.first != UInt8(ascii: "/") { return Array("/".utf8) }
        }
        let pathEnd = rest.firstIndex(of: UInt8(ascii: "?")) ?? rest.endIndex
        return Array(rest[..<pathEnd])
    }

    /// `field-line = field-name ":" OWS field-value OWS` (RFC 9112 §5); obs-fold and whitespace before the colon are refused.
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPError) -> HTTPRequestHead.Field {
        if let first = line.first, HTTPSyntax.isWhitespace(first) {
            throw .malformed("obsolete line folding is not allowed")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw .malformed("a header line has no colon")
        }
        let name = line[..<colon]
        if let last = name.last, HTTPSyntax.isWhitespace(last) {
            throw .malformed("whitespace between a header name and its colon is not allowed")
        }
        guard HTTPSyntax.isToken(name) else {
            throw .malformed("a header name contains a character that is not allowed")
        }
        let value = HTTPSyntax.trimmingWhitespace(line[(colon + 1)...])
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw .malformed("a header value contains a control character")
        }
        return HTTPRequestHead.Field(name: HTTPSyntax.lowercased(name), value: Array(value))
    }

    /// Checks the fields that decide how to read the rest: Host, Content-Length, Transfer-Encoding.
    mutating func finishHead() throws(HTTPError) {
        let hosts = head!.values(of: "host")
        if hosts.count > 1 { throw .malformed("the Host header appears more than once") }
        if head!.version == .http11 && hosts.isEmpty { throw .malformed("an HTTP/1.1 request needs a Host header") }

        let lengths = head!.values(of: "content-length")
        let codings = head!.values(of: "transfer-encoding")
        if !codings.isEmpty {
            if !lengths.isEmpty { throw .malformed("Content-Length and Transfer-Encoding cannot both be sent") }
            if head!.version == .http10 { throw .malformed("Transfer-Encoding is not allowed in HTTP/1.0") }
            let elements = codings.flatMap { HTTPSyntax.listElements($0) }.map { element in
                HTTPSyntax.lowercased(element.prefix { $0 != UInt8(ascii: ";") && !HTTPSyntax.isWhitespace($0) })
            }
            let chunked = Array("chunked".utf8)
            guard elements.last == chunked else {
                throw .malformed("the last transfer coding must be chunked")
            }
            if elements.dropLast().contains(chunked) { throw .malformed("chunked may be applied only once") }
            if elements.count > 1 { throw .transferCodingNotImplemented }
            head!.framing = .chunked
        } else if !lengths.isEmpty {
            if lengths.count > 1 { throw .malformed("Content-Length appears more than once") }
            let text = lengths[0]
            guard !text.isEmpty, text.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw .malformed("Content-Length must be a decimal number")
            }
            var length = 0
            for digit in text {
                length = min(length * 10 + Int(digit - UInt8(ascii: "0")), Int(Int32.max))
            }
            head!.framing = .contentLength(length)
        }
    }
}
