import ATMBytes

/// An `Accept-Language` field value, read strictly (RFC 9110 §12.5.4), and the choice among the languages
/// a server has.
///
/// ```
/// Accept-Language = #( language-range [ weight ] )
/// language-range  = ( 1*8ALPHA *( "-" 1*8alphanum ) ) / "*"        ; RFC 4647 §2.1
/// weight          = OWS ";" OWS "q=" qvalue                         ; RFC 9110 §12.4.2
/// qvalue          = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
/// ```
///
/// The list is split as every list is (``HTTPSyntax/listElements(_:)``: empty elements are allowed,
/// RFC 9110 §5.6.1). Anything else anywhere (a fourth decimal, `q=1.5`, `q = 0.5`, a parameter other
/// than `q`, a subtag of nine letters, `*-CH`) makes the whole value malformed, and a server that cannot
/// read a preference treats it as absent: ``init(_:)`` is `nil`. Ranges and the `q` name are matched
/// without regard to case (RFC 4647 §2; RFC 9110 §5.6.6).
public struct AcceptLanguage: Sendable, Hashable {
    /// One language range and its weight, in thousandths (`q=0.5` is 500; no weight is 1000).
    public struct Preference: Sendable, Hashable {
        /// The range as sent (`de-CH`, `*`), without its weight.
        public let range: ArraySlice<UInt8>
        public let weight: Int

        /// Whether the range is `*`: every language not named by another range.
        public var isWildcard: Bool { range.count == 1 && range.first == UInt8(ascii: "*") }

        /// Whether the range names the language `tag` (a lowercase primary tag such as `de`): it is that tag
        /// (`de`, `DE`), or that tag with subtags (`de-CH`), which the tag serves as RFC 4647 §3.4's lookup
        /// does when it drops subtags from the end of the range.
        public func names(_ tag: StaticString) -> Bool {
            let primary = range.prefix { $0 != UInt8(ascii: "-") }
            guard primary.count == tag.utf8CodeUnitCount else { return false }
            // Compared in place: ranges are letters and digits, so setting 0x20 lowercases exactly the letters.
            for (byte, expected) in zip(primary, UnsafeBufferPointer(start: tag.utf8Start, count: primary.count))
            where byte | 0x20 != expected {
                return false
            }
            return true
        }
    }

    /// The ranges in the order sent.
    public let preferences: [Preference]

    /// The longest subtag RFC 4647 allows.
    private static let maximumSubtagLength = 8

    /// Reads a field value (several `Accept-Language` lines joined with `, `); `nil` when it is malformed.
    public init?(_ value: [UInt8]) {
        var preferences: [Preference] = []
        for element in HTTPSyntax.listElements(value) {
            guard let preference = Self.preference(element) else { return nil }
            preferences.append(preference)
        }
        self.preferences = preferences
    }

    /// The index in `tags` (lowercase primary tags, the default first) of the language to answer in, or `nil`
    /// when the field makes none of them acceptable (no preference, or every one excluded by `q=0`).
    ///
    /// Each tag gets the highest weight among the ranges that name it, or, when none does, the weight of `*`
    /// (RFC 9110 §12.5.4: `*` matches every tag not matched by any other range); a weight of 0 means "not
    /// acceptable". The highest weight wins; a tie goes to the range sent first, and a tie within one range
    /// (`*`) to the earlier tag in `tags`.
    public func preferred(among tags: [StaticString]) -> Int? {
        var best: (index: Int, weight: Int, position: Int)?
        for (index, tag) in tags.enumerated() {
            guard let (weight, position) = weight(of: tag), weight > 0 else { continue }
            if let current = best, current.weight > weight || (current.weight == weight && current.position <= position)
            {
                continue
            }
            best = (index, weight, position)
        }
        return best?.index
    }

    /// The weight the field gives `tag` and the position of the range that gives it; `nil` when no range
    /// applies to it.
    public func weight(of tag: StaticString) -> (weight: Int, position: Int)? {
        var named: (weight: Int, position: Int)?
        var wildcard: (weight: Int, position: Int)?
        for (position, preference) in preferences.enumerated() {
            if preference.isWildcard {
                if wildcard == nil || wildcard!.weight < preference.weight { wildcard = (preference.weight, position) }
            } else if preference.names(tag) {
                if named == nil || named!.weight < preference.weight { named = (preference.weight, position) }
            }
        }
        return named ?? wildcard
    }

    /// One trimmed list element: a range and an optional weight.
    private static func preference(_ element: ArraySlice<UInt8>) -> Preference? {
        var index = element.startIndex
        if element.first == UInt8(ascii: "*") {
            index += 1
        } else {
            guard let end = rangeEnd(element) else { return nil }
            index = end
        }
        let range = element[element.startIndex..<index]
        while index < element.endIndex, HTTPSyntax.isWhitespace(element[index]) { index += 1 }
        guard index < element.endIndex else { return Preference(range: range, weight: 1000) }
        guard element[index] == UInt8(ascii: ";") else { return nil }
        index += 1
        while index < element.endIndex, HTTPSyntax.isWhitespace(element[index]) { index += 1 }
        guard element.endIndex - index >= 2, element[index] | 0x20 == UInt8(ascii: "q"),
            element[index + 1] == UInt8(ascii: "=")
        else { return nil }
        guard let weight = qvalue(element[(index + 2)...]) else { return nil }
        return Preference(range: range, weight: weight)
    }

    /// Where `1*8ALPHA *( "-" 1*8alphanum )` at the start of `element` ends; `nil` when it does not start so.
    private static func rangeEnd(_ element: ArraySlice<UInt8>) -> ArraySlice<UInt8>.Index? {
        var index = element.startIndex
        var isFirst = true
        while true {
            let start = index
            while index < element.endIndex, index - start < maximumSubtagLength + 1,
                isLetter(element[index]) || (!isFirst && ASCII.isDigit(element[index]))
            {
                index += 1
            }
            let length = index - start
            guard length >= 1, length <= maximumSubtagLength else { return nil }
            isFirst = false
            guard index < element.endIndex, element[index] == UInt8(ascii: "-") else { return index }
            index += 1
        }
    }

    /// `qvalue` in thousandths; `nil` for anything else (`1.5`, `.5`, `0.1234`, `1.001`, empty).
    private static func qvalue(_ text: ArraySlice<UInt8>) -> Int? {
        guard let first = text.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        let whole = Int(first - UInt8(ascii: "0"))
        let rest = text.dropFirst()
        guard !rest.isEmpty else { return whole * 1000 }
        guard rest.first == UInt8(ascii: "."), rest.count <= 4 else { return nil }
        var thousandths = 0
        var scale = 100
        for digit in rest.dropFirst() {
            guard ASCII.isDigit(digit) else { return nil }
            thousandths += Int(digit - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        guard whole == 0 || thousandths == 0 else { return nil }
        return whole * 1000 + thousandths
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
