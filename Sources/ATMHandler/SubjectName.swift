import ATMBytes

/// A certificate subject's spelling: what haproxy writes (`ssl_c_s_dn(,0,rfc2253)`, OpenSSL's RFC 2253 form)
/// turned into stunnel's `SSL_CLIENT_DN` (OpenSSL's one-line form less its escaping of UTF-8), so a policy line
/// names a client the same way behind either front.
///
/// Both print the name's attributes one by one; RFC 2253 prints them last first, so the one-line form is the
/// whole list reversed (the attributes inside a multi-valued RDN too), with `, ` between RDNs and ` + ` inside
/// one. Values differ in escaping: RFC 2253 writes bytes above 0x7F as `\XX` and every special with a
/// backslash (`\,`); the one-line form keeps UTF-8 as it is and puts a value holding `,+;<>`, a leading `#`
/// or space or a trailing space in double quotes instead, those bytes bare. `\` and `"` are `\\` and `\"`,
/// and control characters `\XX`, in both. (Checked against stunnel 5.68's and OpenSSL 3.0's output.)
enum SubjectName {
    /// `CN=terminal-0042,O=ATM network` → `O=ATM network, CN=terminal-0042`;
    /// `UID=7+CN=t,OU=Z\C3\BCrich\, S\C3\BCd` → `OU="Zürich, Süd", CN=t + UID=7`.
    static func stunnelOrder(fromRFC2253 name: ArraySlice<UInt8>) -> [UInt8] {
        var rdns: [[Attribute]] = []
        var rdn: [Attribute] = []
        var attribute = Attribute()
        var index = name.startIndex
        while index < name.endIndex {
            let byte = name[index]
            index += 1
            if attribute.inType {
                if byte == UInt8(ascii: "=") { attribute.inType = false } else { attribute.type.append(byte) }
                continue
            }
            switch byte {
            case UInt8(ascii: "\\") where index < name.endIndex:
                if index + 1 < name.endIndex, let high = DecimalDigits.hexValue(name[index]),
                    let low = DecimalDigits.hexValue(name[index + 1])
                {
                    let decoded = UInt8(high << 4 | low)
                    // Bytes of UTF-8 as they are; a control character stays escaped, as the one-line form has it.
                    attribute.value.append(decoded >= 0x80 ? .literal(decoded) : .escapedHex(decoded))
                    index += 2
                } else {
                    let escaped = name[index]
                    let bare = escaped == UInt8(ascii: "\\") || escaped == UInt8(ascii: "\"")
                    attribute.value.append(bare ? .backslashed(escaped) : .quoted(escaped))
                    index += 1
                }
            case UInt8(ascii: ","), UInt8(ascii: "+"):
                rdn.append(attribute)
                attribute = Attribute()
                if byte == UInt8(ascii: ",") {
                    rdns.append(rdn)
                    rdn = []
                }
            default: attribute.value.append(.literal(byte))
            }
        }
        rdn.append(attribute)
        rdns.append(rdn)
        var out: [UInt8] = []
        out.reserveCapacity(name.count + 2 * rdns.count)
        for (rdnIndex, rdn) in rdns.reversed().enumerated() {
            if rdnIndex > 0 { out.append(ascii: ", ") }
            for (attributeIndex, attribute) in rdn.reversed().enumerated() {
                if attributeIndex > 0 { out.append(ascii: " + ") }
                attribute.write(to: &out)
            }
        }
        return out
    }

    /// One `TYPE=value` of the name, its value as the pieces RFC 2253 escaping made of it.
    private struct Attribute {
        var type: [UInt8] = []
        var value: [Piece] = []
        var inType = true

        /// `TYPE=value`, the value in double quotes when it holds a special the one-line form quotes.
        func write(to out: inout [UInt8]) {
            out.append(contentsOf: type)
            if inType { return }  // no `=`: written as it came
            out.append(UInt8(ascii: "="))
            let quoted = value.contains { if case .quoted = $0 { true } else { false } }
            if quoted { out.append(UInt8(ascii: "\"")) }
            for piece in value {
                switch piece {
                case .literal(let byte), .quoted(let byte): out.append(byte)
                case .backslashed(let byte):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case .escapedHex(let byte):
                    out.append(UInt8(ascii: "\\"))
                    out.append(hex: byte, uppercase: true)
                }
            }
            if quoted { out.append(UInt8(ascii: "\"")) }
        }
    }

    private enum Piece {
        /// A byte printed as it is.
        case literal(UInt8)
        /// A special the one-line form writes bare inside double quotes (`,+;<>`, a leading `#` or space, a
        /// trailing space).
        case quoted(UInt8)
        /// `\\` or `"`: after a backslash in both spellings.
        case backslashed(UInt8)
        /// A control character, `\XX` in both spellings.
        case escapedHex(UInt8)
    }
}
