#if PostgreSQL
    /// A one-dimensional array in PostgreSQL's text form (`{"a",NULL,"b"}`), how a batch's columns travel as
    /// text parameters. Every element is quoted, with `"` and `\` escaped, so no value (a key may hold any
    /// visible character) can end an element early or be read as NULL.
    enum SQLArray {
        /// `{…}` for `elements`; nil elements become SQL NULL.
        static func text(_ elements: [String?]) -> String {
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                guard let element else {
                    bytes.append(contentsOf: "NULL".utf8)
                    continue
                }
                bytes.append(UInt8(ascii: "\""))
                for byte in element.utf8 {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            }
            bytes.append(UInt8(ascii: "}"))
            return String(decoding: bytes, as: UTF8.self)
        }

        /// `{1,2,3}` for integers (no quoting needed).
        static func integers(_ elements: [Int64]) -> String {
            "{" + elements.map { String($0) }.joined(separator: ",") + "}"
        }
    }
#endif
