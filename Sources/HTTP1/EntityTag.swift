import ATMBytes

/// A strong entity tag (RFC 9110 §8.8.3) and the `If-None-Match` test that answers 304 with it.
public struct EntityTag: Sendable, Hashable {
    /// The `opaque-tag` without its quotes: `etagc` bytes only.
    public let opaque: [UInt8]

    /// A tag derived from the content itself, so it changes whenever a byte of it does.
    ///
    /// FNV-1a over 64-bit words (then the tail bytes): each step is a bijection of the state, so a
    /// document that differs in one word always gets another tag, and hashing 40 KB costs a few
    /// thousand instructions, which matters when every request is a new process.
    public init(hashing content: [UInt8]) {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        content.withUnsafeBytes { raw in
            let words = raw.count / 8
            for index in 0..<words {
                state = (state ^ raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) &* prime
            }
            for index in (words * 8)..<raw.count {
                state = (state ^ UInt64(raw[index])) &* prime
            }
        }
        state = (state ^ UInt64(truncatingIfNeeded: content.count)) &* prime
        var opaque: [UInt8] = []
        opaque.reserveCapacity(16)
        for shift in stride(from: 56, through: 0, by: -8) {
            opaque.append(hex: UInt8(truncatingIfNeeded: state >> UInt64(shift)))
        }
        self.opaque = opaque
    }

    /// The field value: the opaque tag in double quotes.
    public var fieldValue: [UInt8] {
        var value: [UInt8] = []
        value.reserveCapacity(opaque.count + 2)
        write(to: &value)
        return value
    }

    /// Writes ``fieldValue`` into `bytes`.
    public func write<Sink: ByteSink & ~Copyable>(to bytes: inout Sink) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(bytes: opaque)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether an `If-None-Match` value names this representation, so a GET or HEAD is answered 304.
    ///
    /// `If-None-Match = "*" / #entity-tag`, `entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE`, compared
    /// weakly (RFC 9110 §13.1.2: a weak tag with the same opaque part matches). Commas may appear
    /// inside a tag, so the list is read tag by tag rather than split. A value that is not this
    /// grammar matches nothing: the full response is always a correct answer.
    public func isMatched(byIfNoneMatch value: [UInt8]) -> Bool {
        let quote = UInt8(ascii: "\"")
        var index = 0
        func skipSeparators() {
            while index < value.count,
                value[index] == UInt8(ascii: ",") || HTTPSyntax.isWhitespace(value[index])
            {
                index += 1
            }
        }
        skipSeparators()
        if index == value.count - 1 && value[index] == UInt8(ascii: "*") { return true }
        var matched = false
        while index < value.count {
            if value.count - index >= 2 && value[index] == UInt8(ascii: "W") && value[index + 1] == UInt8(ascii: "/") {
                index += 2
            }
            guard index < value.count, value[index] == quote else { return false }
            index += 1
            let start = index
            while index < value.count, value[index] != quote {
                guard Self.isEntityTagCharacter(value[index]) else { return false }
                index += 1
            }
            guard index < value.count else { return false }
            if value[start..<index].elementsEqual(opaque) { matched = true }
            index += 1
            guard index == value.count || value[index] == UInt8(ascii: ",") || HTTPSyntax.isWhitespace(value[index])
            else { return false }
            skipSeparators()
        }
        return matched
    }

    /// `etagc = %x21 / %x23-7E / obs-text`.
    private static func isEntityTagCharacter(_ byte: UInt8) -> Bool {
        byte == 0x21 || (byte >= 0x23 && byte != 0x7F)
    }
}
