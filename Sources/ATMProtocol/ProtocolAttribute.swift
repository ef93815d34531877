import ATMBytes
import ATMCore

/// One `name=value` field after a line's arguments, and the rule for those a reader does not know.
///
/// A name is a lower-case letter followed by lower-case letters, digits and `-`, optionally after a
/// `!`. An unknown name is ignored, so a newer peer can add an attribute without breaking an older
/// one; an unknown name with the `!` is refused, for an attribute whose loss would change what the
/// line does (docs/protocol.md, *Compatibility*).
struct ProtocolAttribute {
    let name: ArraySlice<UInt8>
    let value: ArraySlice<UInt8>

    /// Splits `field`; a field without `=` is an extra argument, and a name outside the rule is malformed.
    init(_ field: ArraySlice<UInt8>) throws(ProtocolError) {
        guard let equals = field.firstIndex(of: UInt8(ascii: "=")) else {
            throw ProtocolError(.badArgument, "too many arguments")
        }
        name = field[..<equals]
        value = field[(equals + 1)...]
    }

    /// Whether the sender marked the attribute as one a reader must understand (`!name=`).
    var isRequired: Bool { name.first == UInt8(ascii: "!") }

    /// What a reader does with an attribute it does not know: nothing for an optional one, a refusal
    /// (nothing applied) for a required or malformed one.
    func ignoreAsUnknown() throws(ProtocolError) {
        let bare = isRequired ? name.dropFirst() : name
        guard let first = bare.first, first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z"),
            bare.allSatisfy({ Self.isNameByte($0) })
        else {
            throw ProtocolError(.badArgument, "an attribute name is a lower-case letter, then letters, digits, -")
        }
        if isRequired {
            throw ProtocolError(.badArgument, "unknown required attribute; see HELP")
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || ASCII.isDigit(byte) || byte == UInt8(ascii: "-")
    }
}
