import ATMBytes

/// Writes the small JSON objects the service answers with, members in the order they are added.
public struct JSONObjectWriter {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var isEmpty = true

    public init() {}

    /// Adds `"key":"value"`.
    public mutating func add(_ key: StaticString, _ value: String) {
        appendKey(key)
        JSONObjectWriter.appendString(value, to: &bytes)
    }

    /// Adds `"key":["a","b",…]`.
    public mutating func add(_ key: StaticString, _ values: [String]) {
        appendKey(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONObjectWriter.appendString(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Adds `"key":[…]`, an array of objects.
    public mutating func add(_ key: StaticString, _ array: JSONArrayWriter) {
        appendKey(key)
        bytes += array.finish()
    }

    /// The finished object.
    public func finish() -> [UInt8] {
        bytes + [UInt8(ascii: "}")]
    }

    private mutating func appendKey(_ key: StaticString) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        bytes.append(UInt8(ascii: "\""))
        bytes.append(ascii: key)
        bytes.append(ascii: "\":")
    }

    /// Appends `text` as a JSON string, escaping quotes, backslashes and control characters (RFC 8259 §7).
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): out.append(ascii: "\\\"")
                case UInt8(ascii: "\\"): out.append(ascii: "\\\\")
                case 0x0A: out.append(ascii: "\\n")
                case 0x00..<0x20:
                    out.append(ascii: "\\u00")
                    out.append(hex: byte)
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
