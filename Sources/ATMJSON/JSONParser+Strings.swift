extension JSONParser {
    /// Reads a string after its opening quote, decoding escapes and validating UTF-8.
    mutating func parseString() throws(JSONError) -> [UInt8] {
        position += 1
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw JSONError(.unexpectedEnd, at: position) }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return result
            case UInt8(ascii: "\\"):
                position += 1
                try parseEscape(into: &result)
            case 0x00..<0x20:
                throw JSONError(.controlCharacterInString, at: position)
            case 0x20..<0x80:
                result.append(byte)
                position += 1
            default:
                try copyMultibyteScalar(into: &result)
            }
        }
    }

    private mutating func parseEscape(into result: inout [UInt8]) throws(JSONError) {
        guard let byte = peek() else { throw JSONError(.unexpectedEnd, at: position) }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(byte)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape()
            result.append(contentsOf: String(Character(scalar)).utf8)
        default: throw JSONError(.invalidEscape, at: position - 1)
        }
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair; a lone surrogate is refused.
    private mutating func parseUnicodeEscape() throws(JSONError) -> Unicode.Scalar {
        let start = position - 2
        let high = try parseHex4()
        if high >= 0xD800 && high < 0xDC00 {
            guard peek() == UInt8(ascii: "\\") else { throw JSONError(.invalidEscape, at: start) }
            position += 1
            guard peek() == UInt8(ascii: "u") else { throw JSONError(.invalidEscape, at: start) }
            position += 1
            let low = try parseHex4()
            guard low >= 0xDC00 && low < 0xE000 else { throw JSONError(.invalidEscape, at: start) }
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw JSONError(.invalidEscape, at: start) }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw JSONError(.invalidEscape, at: start) }
        return scalar
    }

    private mutating func parseHex4() throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw JSONError(.unexpectedEnd, at: position) }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONError(.invalidEscape, at: position)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Copies one well-formed UTF-8 sequence of 2 to 4 bytes (RFC 3629 §4), refusing overlongs and surrogates.
    private mutating func copyMultibyteScalar(into result: inout [UInt8]) throws(JSONError) {
        let start = position
        let lead = bytes[position]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; highest = 0x9F
        case 0xF0: length = 4; lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; highest = 0x8F
        default: throw JSONError(.invalidUTF8, at: start)
        }
        guard start + length <= bytes.count else { throw JSONError(.invalidUTF8, at: start) }
        for index in 1..<length {
            let byte = bytes[start + index]
            let (low, high) = index == 1 ? (lowest, highest) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= low && byte <= high else { throw JSONError(.invalidUTF8, at: start) }
        }
        result.append(contentsOf: bytes[start..<start + length])
        position += length
    }
}
