import ATMBytes

extension HTTPRequestReader {
    /// `request-line = method SP request-target SP HTTP-version` (RFC 9112 §3).
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPReadError) -> HTTPRequestHead {
        let shape = HTTPReadError.malformed(.requestLineShape)
        guard let firstSpace = line.firstIndex(of: UInt8(ascii: " ")) else { throw shape }
        let afterMethod = line[(firstSpace + 1)...]
        guard let secondSpace = afterMethod.firstIndex(of: UInt8(ascii: " ")) else { throw shape }
        let methodToken = line[..<firstSpace]
        let target = line[(firstSpace + 1)..<secondSpace]
        let versionText = line[(secondSpace + 1)...]
        guard HTTPSyntax.isToken(methodToken), !target.isEmpty, !versionText.contains(UInt8(ascii: " ")) else {
            throw shape
        }
        let version = try parseVersion(versionText)
        guard let method = HTTPRequestHead.Method(methodToken) else { throw .methodNotImplemented }
        let (path, query) = try parseTarget(target)
        return HTTPRequestHead(method: method, path: path, query: query, version: version)
    }

    /// `HTTP-version = "HTTP/" DIGIT "." DIGIT`; a well-formed version other than 1.0 and 1.1 is 505.
    private static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPReadError) -> HTTPRequestHead.Version {
        let start = bytes.startIndex
        guard bytes.count == 8, ASCII.hasPrefix(bytes, "HTTP/"), ASCII.isDigit(bytes[start + 5]),
            bytes[start + 6] == UInt8(ascii: "."), ASCII.isDigit(bytes[start + 7])
        else { throw .malformed(.versionShape) }
        switch (bytes[start + 5], bytes[start + 7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return .http11
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .http10
        default: throw .versionNotSupported
        }
    }

    /// Origin-form (`/path?query`) or absolute-form (`http://host/path?query`); returns the path and
    /// the query, if any (RFC 9112 §3.2).
    private static func parseTarget(
        _ target: ArraySlice<UInt8>
    ) throws(HTTPReadError) -> (path: [UInt8], query: [UInt8]?) {
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .malformed(.targetByte)
        }
        // RFC 9112 §3.2: no form of request-target has a fragment; a client strips it before sending.
        if target.contains(UInt8(ascii: "#")) {
            throw .malformed(.targetFragment)
        }
        var rest = target
        if rest.first != UInt8(ascii: "/") {
            if ASCII.equals(rest, "*") { return (Array(rest), nil) }
            let lowered = HTTPSyntax.lowercased(rest.prefix(8))[...]
            let scheme: Int
            if ASCII.hasPrefix(lowered, "http://") {
                scheme = 7
            } else if ASCII.hasPrefix(lowered, "https://") {
                scheme = 8
            } else {
                throw .malformed(.targetForm)
            }
            rest = rest.dropFirst(scheme)
            let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
            try checkAuthority(rest[..<authorityEnd])
            rest = rest[authorityEnd...]
            if rest.first != UInt8(ascii: "/") { return ([UInt8(ascii: "/")], query(after: rest)) }
        }
        let pathEnd = rest.firstIndex(of: UInt8(ascii: "?")) ?? rest.endIndex
        return (Array(rest[..<pathEnd]), query(after: rest[pathEnd...]))
    }

    /// The bytes after a leading `?`, or `nil` when `rest` does not start with one.
    private static func query(after rest: ArraySlice<UInt8>) -> [UInt8]? {
        guard rest.first == UInt8(ascii: "?") else { return nil }
        return Array(rest.dropFirst())
    }

    /// The authority of an http(s) URL: `host [ ":" port ]` with a host that is not empty, since
    /// RFC 9110 §4.2.1 says to reject an http URI without one, and no userinfo, which RFC 9110 §4.2.4
    /// says to treat as an error.
    private static func checkAuthority(_ authority: ArraySlice<UInt8>) throws(HTTPReadError) {
        if authority.contains(UInt8(ascii: "@")) {
            throw .malformed(.userInformation)
        }
        guard let host = HTTPHost.host(of: authority) else {
            throw .malformed(.authorityShape)
        }
        guard !host.isEmpty else { throw .malformed(.authorityWithoutHost) }
    }

    /// `field-line = field-name ":" OWS field-value OWS` (RFC 9112 §5); obs-fold and whitespace before the colon are refused.
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPReadError) -> HTTPRequestHead.Field {
        if let first = line.first, HTTPSyntax.isWhitespace(first) {
            throw .malformed(.obsoleteLineFolding)
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw .malformed(.fieldWithoutColon)
        }
        let name = line[..<colon]
        if let last = name.last, HTTPSyntax.isWhitespace(last) {
            throw .malformed(.whitespaceBeforeColon)
        }
        guard HTTPSyntax.isToken(name) else {
            throw .malformed(.fieldNameCharacter)
        }
        let value = HTTPSyntax.trimmingWhitespace(line[(colon + 1)...])
        guard value.allSatisfy(HTTPSyntax.isFieldValueByte) else {
            throw .malformed(.fieldValueControl)
        }
        return HTTPRequestHead.Field(name: HTTPSyntax.lowercased(name), value: Array(value))
    }

    /// Checks the fields that decide how to read the rest: Host, Content-Length, Transfer-Encoding.
    static func finishHead(_ head: inout HTTPRequestHead) throws(HTTPReadError) {
        let hosts = head.count(of: "host")
        if hosts > 1 { throw .malformed(.hostRepeated) }
        if head.version == .http11 && hosts == 0 { throw .malformed(.hostMissing) }
        if let host = head.value(of: "host"), !HTTPHost.isValid(host[...]) {
            throw .malformed(.hostShape)
        }

        let lengths = head.values(of: "content-length")
        let codings = head.values(of: "transfer-encoding")
        if !codings.isEmpty {
            if !lengths.isEmpty { throw .malformed(.lengthWithTransferEncoding) }
            if head.version == .http10 { throw .malformed(.transferEncodingInHTTP10) }
            head.framing = try framing(ofTransferCodings: codings)
        } else if !lengths.isEmpty {
            if lengths.count > 1 { throw .malformed(.lengthRepeated) }
            head.framing = .contentLength(try contentLength(lengths[0]))
        }
    }

    /// `Content-Length = 1*DIGIT` (RFC 9110 §8.6), leading zeros allowed; the one decimal parser of
    /// ATMBytes reads it. A value past `Int32.max` is kept as `Int32.max`: it is past every body limit,
    /// so it is refused as too large (413), not as malformed.
    private static func contentLength(_ text: [UInt8]) throws(HTTPReadError) -> Int {
        guard ASCII.isDigits(text[...]) else { throw .malformed(.lengthNotDecimal) }
        let capped = UInt64(Int32.max)
        return Int(DecimalDigits.parse(text[...], maximum: capped, allowingLeadingZeros: true) ?? capped)
    }

    /// `Transfer-Encoding = #transfer-coding`, all fields read as one list (RFC 9110 §5.3), with
    /// `transfer-coding = token *( OWS ";" OWS transfer-parameter )`.
    ///
    /// The last coding must be exactly `chunked` (RFC 9112 §6.3): anything else, `chunked` twice, or
    /// an element that is not a coding is 400. Well-formed codings before `chunked` are 501: this
    /// server decodes none of them.
    private static func framing(ofTransferCodings fields: [[UInt8]]) throws(HTTPReadError) -> HTTPRequestHead.Framing {
        var names: [[UInt8]] = []
        for field in fields {
            for element in HTTPSyntax.listElements(field) {
                guard let name = codingName(element) else {
                    throw .malformed(.codingList)
                }
                names.append(name)
            }
        }
        guard let last = names.last, ASCII.equals(last[...], "chunked") else {
            throw .malformed(.lastCodingNotChunked)
        }
        if names.dropLast().contains(where: { ASCII.equals($0[...], "chunked") }) {
            throw .malformed(.chunkedTwice)
        }
        if names.count > 1 { throw .transferCodingNotImplemented }
        return .chunked
    }

    /// The lowercased name of `token *( OWS ";" OWS token "=" ( token / quoted-string ) )`, or `nil`.
    ///
    /// The list was split at every comma, so a quoted parameter holding a comma ends up refused,
    /// which is the safe side: such a list can never end in a bare `chunked`.
    private static func codingName(_ element: ArraySlice<UInt8>) -> [UInt8]? {
        var parts = element.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)[...]
        guard let name = parts.popFirst().map(HTTPSyntax.trimmingWhitespace), HTTPSyntax.isToken(name) else {
            return nil
        }
        for parameter in parts {
            let parameter = HTTPSyntax.trimmingWhitespace(parameter)
            guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let key = HTTPSyntax.trimmingWhitespace(parameter[..<equals])
            let value = HTTPSyntax.trimmingWhitespace(parameter[(equals + 1)...])
            guard HTTPSyntax.isToken(key), HTTPSyntax.isToken(value) || isQuotedString(value) else { return nil }
        }
        return HTTPSyntax.lowercased(name)
    }

    /// `DQUOTE *( qdtext / quoted-pair ) DQUOTE` (RFC 9110 §5.6.4).
    private static func isQuotedString(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else {
            return false
        }
        var escaped = false
        for byte in bytes.dropFirst().dropLast() {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                return false
            }
        }
        return !escaped
    }
}
