import ATMBytes

/// Byte classes from RFC 9110 §5.6.2 and §5.5.
public enum HTTPSyntax {
    /// `tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA`
    public static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    public static func isToken(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where !isTokenCharacter(byte) { return false }
        return true
    }

    /// `field-vchar / SP / HTAB`, with obs-text allowed: anything but controls and DEL.
    public static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// `SP / HTAB`.
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09
    }

    /// `bytes` without leading and trailing `OWS`.
    public static func trimmingWhitespace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var result = bytes
        while let first = result.first, isWhitespace(first) { result.removeFirst() }
        while let last = result.last, isWhitespace(last) { result.removeLast() }
        return result
    }

    /// ASCII letters lowercased; other bytes as they are (field names are case-insensitive).
    public static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            result.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
        }
        return result
    }

    /// Case-insensitive comparison with a lowercase literal.
    public static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercaseLiteral: StaticString) -> Bool {
        ASCII.equals(lowercased(bytes)[...], lowercaseLiteral)
    }

    /// Splits a comma-separated list, dropping empty elements (RFC 9110 §5.6.1).
    public static func listElements(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var elements: [ArraySlice<UInt8>] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
            let element = trimmingWhitespace(bytes[start..<index])
            if !element.isEmpty { elements.append(element) }
            start = index + 1
        }
        return elements
    }
}
