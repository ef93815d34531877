/// A certificate subject's spelling: what haproxy writes (`ssl_c_s_dn(,0,rfc2253)`: most specific first, comma
/// separated) turned into stunnel's `SSL_CLIENT_DN` (least specific first, `, ` between RDNs, ` + ` inside one).
enum SubjectName {
    /// `CN=terminal-0042,O=ATM network` → `O=ATM network, CN=terminal-0042`; a backslash-escaped `,` or `+`
    /// stays inside its value, as RFC 4514 §2.4 escapes it.
    static func stunnelOrder(fromRFC2253 name: ArraySlice<UInt8>) -> [UInt8] {
        var rdns: [[UInt8]] = [[]]
        var escaped = false
        for byte in name {
            if escaped {
                rdns[rdns.count - 1].append(byte)
                escaped = false
                continue
            }
            switch byte {
            case UInt8(ascii: "\\"):
                rdns[rdns.count - 1].append(byte)
                escaped = true
            case UInt8(ascii: ","): rdns.append([])
            case UInt8(ascii: "+"): rdns[rdns.count - 1].append(contentsOf: [0x20, UInt8(ascii: "+"), 0x20])
            default: rdns[rdns.count - 1].append(byte)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(name.count + 2 * rdns.count)
        for (index, rdn) in rdns.reversed().enumerated() {
            if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), 0x20]) }
            out.append(contentsOf: rdn)
        }
        return out
    }
}
