/// A strict RFC 8259 parser over bytes: one value, optional whitespace around it, nothing else.
///
/// Nesting is bounded so that hostile input cannot exhaust the stack.
public struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    private let maximumDepth: Int

    init(_ bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Parses one complete document.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = 32) throws(JSONError) -> JSONValue {
        var parser = JSONParser(bytes, maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw JSONError(.trailingData, at: parser.position) }
        return value
    }

    func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(JSONError) {
        guard let next = peek() else { throw JSONError(.unexpectedEnd, at: position) }
        guard next == byte else { throw JSONError(.unexpectedByte(next), at: position) }
        position += 1
    }

    private mutating func parseValue(depth: Int) throws(JSONError) -> JSONValue {
        guard let byte = peek() else { throw JSONError(.unexpectedEnd, at: position) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw JSONError(.unexpectedByte(byte), at: position)
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(JSONError) {
        let text = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in text {
            try expect(expected)
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw JSONError(.tooDeep, at: position) }
        position += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            members.append(try parseMember(depth: depth))
            skipWhitespace()
            guard let next = peek() else { throw JSONError(.unexpectedEnd, at: position) }
            position += 1
            if next == UInt8(ascii: "}") { return .object(members) }
            guard next == UInt8(ascii: ",") else { throw JSONError(.unexpectedByte(next), at: position - 1) }
        }
    }

    /// `member = string name-separator value`, at the current position.
    mutating func parseMember(depth: Int) throws(JSONError) -> JSONMember {
        guard let byte = peek() else { throw JSONError(.unexpectedEnd, at: position) }
        guard byte == UInt8(ascii: "\"") else { throw JSONError(.unexpectedByte(byte), at: position) }
        let key = try parseString()
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
        skipWhitespace()
        return JSONMember(key: key, value: try parseValue(depth: depth))
    }

    private mutating func parseArray(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= maximumDepth else { throw JSONError(.tooDeep, at: position) }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard let next = peek() else { throw JSONError(.unexpectedEnd, at: position) }
            position += 1
            if next == UInt8(ascii: "]") { return .array(elements) }
            guard next == UInt8(ascii: ",") else { throw JSONError(.unexpectedByte(next), at: position - 1) }
        }
    }

    /// `number = [ "-" ] int [ frac ] [ exp ]`
    private mutating func parseNumber() throws(JSONError) -> [UInt8] {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else { throw JSONError(.invalidNumber, at: position) }
        position += 1
        if first != UInt8(ascii: "0") {
            while let byte = peek(), isDigit(byte) { position += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            try requireDigits()
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            try requireDigits()
        }
        return Array(bytes[start..<position])
    }

    private mutating func requireDigits() throws(JSONError) {
        guard let byte = peek(), isDigit(byte) else { throw JSONError(.invalidNumber, at: position) }
        while let byte = peek(), isDigit(byte) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
