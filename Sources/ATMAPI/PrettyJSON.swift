import ATMBytes
import ATMJSON

/// Writes a ``JSONValue`` as indented JSON text (two spaces a level, `"key": value`), the way the
/// OpenAPI document is served: readable as is, and `/docs` shows it.
enum PrettyJSON {
    static func write(_ value: JSONValue, to out: inout [UInt8], depth: Int = 0) {
        switch value {
        case .null: out.append(ascii: "null")
        case .bool(let flag): out.append(ascii: flag ? "true" : "false")
        case .number(let text): out.append(contentsOf: text)
        case .string(let text): writeString(text, to: &out)
        case .array(let items):
            guard !items.isEmpty else { return out.append(ascii: "[]") }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, &out)
                write(item, to: &out, depth: depth + 1)
            }
            newline(depth, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return out.append(ascii: "{}") }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, &out)
                writeString(member.key, to: &out)
                out.append(ascii: ": ")
                write(member.value, to: &out, depth: depth + 1)
            }
            newline(depth, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ depth: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<(depth * 2) { out.append(UInt8(ascii: " ")) }
    }

    /// A string with `"`, `\` and control characters escaped; other bytes (UTF-8 included) as they are.
    private static func writeString(_ text: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): out.append(ascii: "\\\"")
            case UInt8(ascii: "\\"): out.append(ascii: "\\\\")
            case UInt8(ascii: "\n"): out.append(ascii: "\\n")
            case UInt8(ascii: "\r"): out.append(ascii: "\\r")
            case UInt8(ascii: "\t"): out.append(ascii: "\\t")
            case 0..<0x20:
                out.append(ascii: "\\u00")
                out.append(hex: byte)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
