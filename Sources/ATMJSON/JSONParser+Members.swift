extension JSONParser {
    /// Reads the members of a top-level object one at a time, without building the whole document.
    ///
    /// PRELOAD_ACCOUNTS can name a million accounts; holding all of them as a `JSONValue` tree at
    /// once would double the daemon's peak memory at start-up.
    public struct ObjectMembers {
        private var parser: JSONParser
        private var isFinished = false
        private var isFirst = true

        /// Starts reading `bytes`, which must hold one object.
        public init(_ bytes: [UInt8], maximumDepth: Int = 32) throws(JSONError) {
            parser = JSONParser(bytes, maximumDepth: maximumDepth)
            parser.skipWhitespace()
            guard let first = parser.peek() else { throw JSONError(.unexpectedEnd, at: 0) }
            guard first == UInt8(ascii: "{") else { throw JSONError(.notAnObject, at: parser.position) }
            parser.position += 1
        }

        /// The next member, or `nil` after the closing brace (and nothing but whitespace after it).
        public mutating func next() throws(JSONError) -> JSONMember? {
            if isFinished { return nil }
            parser.skipWhitespace()
            if isFirst && parser.peek() == UInt8(ascii: "}") { return try finish() }
            if !isFirst {
                guard let separator = parser.peek() else { throw JSONError(.unexpectedEnd, at: parser.position) }
                parser.position += 1
                if separator == UInt8(ascii: "}") { return try finish() }
                guard separator == UInt8(ascii: ",") else {
                    throw JSONError(.unexpectedByte(separator), at: parser.position - 1)
                }
                parser.skipWhitespace()
            }
            isFirst = false
            return try parser.parseMember(depth: 1)
        }

        private mutating func finish() throws(JSONError) -> JSONMember? {
            if isFirst { parser.position += 1 }
            isFinished = true
            parser.skipWhitespace()
            guard parser.position == parser.bytes.count else {
                throw JSONError(.trailingData, at: parser.position)
            }
            return nil
        }
    }
}
