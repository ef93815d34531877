import ATMBytes

/// Writes indented JSON text (two spaces a level, `"key": value`), the way the OpenAPI document is
/// served: readable as is, and `/docs` shows it.
///
/// It writes text, not a tree: the route descriptions' JSON fragments are already indented JSON, and are
/// copied line by line at the depth they go to, so building the document parses nothing.
struct PrettyJSON {
    var bytes: [UInt8] = []

    /// A line break and the indentation of `depth`.
    mutating func newline(_ depth: Int) {
        bytes.append(UInt8(ascii: "\n"))
        indent(depth)
    }

    private mutating func indent(_ depth: Int) {
        let spaces: StaticString = "                                "
        spaces.withUTF8Buffer { bytes.append(contentsOf: $0.prefix(min(depth * 2, $0.count))) }
    }

    /// `"key": ` on a new line at `depth`, after a comma unless it is the object's first member.
    mutating func key(_ key: [UInt8], depth: Int, first: inout Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        newline(depth)
        string(key)
        bytes.append(ascii: ": ")
    }

    /// `"key": ` for a key that needs no escaping, as ``key(_:depth:first:)``.
    mutating func key(_ key: StaticString, depth: Int, first: inout Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        newline(depth)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(ascii: key)
        bytes.append(ascii: "\": ")
    }

    /// An object of one member, `{"$ref": "PREFIXNAME"}`, whose member is at `depth`.
    mutating func reference(_ prefix: StaticString, _ name: StaticString, depth: Int) {
        bytes.append(UInt8(ascii: "{"))
        newline(depth)
        bytes.append(ascii: "\"$ref\": \"")
        bytes.append(ascii: prefix)
        bytes.append(ascii: name)
        bytes.append(UInt8(ascii: "\""))
        newline(depth - 1)
        bytes.append(UInt8(ascii: "}"))
    }

    /// The JSON text `fragment`, itself indented from column 0, with its lines indented to `depth`.
    mutating func fragment(_ fragment: StaticString, depth: Int) {
        fragment.withUTF8Buffer { text in
            var start = 0
            for index in text.indices where text[index] == UInt8(ascii: "\n") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...index]))
                indent(depth)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        }
    }

    /// The object `fragment` (its text ends with `}`), with more members written by `extra` at `depth + 1`.
    mutating func fragment(_ fragment: StaticString, depth: Int, adding extra: (inout PrettyJSON) -> Void) {
        self.fragment(fragment, depth: depth)
        while let last = bytes.last, last != UInt8(ascii: "}") { bytes.removeLast() }
        bytes.removeLast()
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\n") { bytes.removeLast() }
        bytes.append(UInt8(ascii: ","))
        newline(depth + 1)
        extra(&self)
        newline(depth)
        bytes.append(UInt8(ascii: "}"))
    }

    /// The elements of the array `fragment` (from column 0) as further elements at `depth`, each after a comma
    /// unless it is the array's first.
    mutating func elements(of fragment: StaticString, depth: Int, first: inout Bool) {
        var lines: [[UInt8]] = [[]]
        fragment.withUTF8Buffer { text in
            for byte in text {
                if byte == UInt8(ascii: "\n") { lines.append([]) } else { lines[lines.count - 1].append(byte) }
            }
        }
        guard lines.count > 2 else { return }  // `[]`
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        for line in lines[1..<(lines.count - 1)] {
            newline(depth - 1)
            bytes += line
        }
    }

    /// A string with `"`, `\` and control characters escaped; other bytes (UTF-8 included) as they are.
    mutating func string(_ text: [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole, they cost a tenth of appending byte by byte.
        if !text.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes += text
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(ascii: "\\\"")
            case UInt8(ascii: "\\"): bytes.append(ascii: "\\\\")
            case UInt8(ascii: "\n"): bytes.append(ascii: "\\n")
            case UInt8(ascii: "\r"): bytes.append(ascii: "\\r")
            case UInt8(ascii: "\t"): bytes.append(ascii: "\\t")
            case 0..<0x20:
                bytes.append(ascii: "\\u00")
                bytes.append(hex: byte)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
