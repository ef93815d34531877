import ATMBytes

/// The syntax of a `Host` field and of the authority of an absolute-form target (RFC 9112 §3.2).
///
/// `Host = uri-host [ ":" port ]`, where RFC 3986 §3.2.2 gives
/// `uri-host = IP-literal / IPv4address / reg-name`, `port = *DIGIT`, and
/// `reg-name = *( unreserved / pct-encoded / sub-delims )`. Every IPv4address is also a reg-name,
/// so only IP literals need a grammar of their own. A reg-name may be empty: a client sends an
/// empty `Host` when the target has no authority (RFC 9112 §3.2).
public enum HTTPHost {
    /// Whether `value` is `uri-host [ ":" port ]`; an empty host is allowed, as in a `Host` field.
    public static func isValid(_ value: ArraySlice<UInt8>) -> Bool {
        split(value) != nil
    }

    /// The host part of `uri-host [ ":" port ]`, or `nil` when the value is not that grammar.
    public static func host(of value: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        split(value)
    }

    private static func split(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var host = value
        var port = value[value.endIndex...]
        if value.first == UInt8(ascii: "[") {
            guard let close = value.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            host = value[...close]
            port = value[(close + 1)...]
            guard isIPLiteral(host) else { return nil }
        } else {
            if let colon = value.firstIndex(of: UInt8(ascii: ":")) {
                host = value[..<colon]
                port = value[colon...]
            }
            guard isRegName(host) else { return nil }
        }
        if let first = port.first {
            guard first == UInt8(ascii: ":"), port.dropFirst().allSatisfy(ASCII.isDigit) else { return nil }
        }
        return host
    }

    /// `*( unreserved / pct-encoded / sub-delims )`.
    static func isRegName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                    return false
                }
                index += 3
                continue
            }
            guard isUnreserved(byte) || isSubDelimiter(byte) else { return false }
            index += 1
        }
        return true
    }

    /// `"[" ( IPv6address / IPvFuture ) "]"`.
    static func isIPLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return false }
        let inner = bytes.dropFirst().dropLast()
        if let first = inner.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
            return isIPvFuture(inner.dropFirst())
        }
        return isIPv6Address(inner)
    }

    /// After the `v`: `1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
    private static func isIPvFuture(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return false }
        let version = bytes[..<dot]
        let rest = bytes[(dot + 1)...]
        return !version.isEmpty && version.allSatisfy(isHexDigit) && !rest.isEmpty
            && rest.allSatisfy { isUnreserved($0) || isSubDelimiter($0) || $0 == UInt8(ascii: ":") }
    }

    /// Eight groups of one to four hex digits, one run of zero groups written `::` at most, and
    /// the last two groups possibly written as an IPv4 address (RFC 3986 §3.2.2, RFC 4291 §2.2).
    static func isIPv6Address(_ bytes: ArraySlice<UInt8>) -> Bool {
        var groups = 0
        var sawDoubleColon = false
        var index = bytes.startIndex
        if ASCII.hasPrefix(bytes, "::") {
            sawDoubleColon = true
            index += 2
            if index == bytes.endIndex { return true }
        } else if bytes.first == UInt8(ascii: ":") {
            return false
        }
        while index < bytes.endIndex {
            var end = index
            while end < bytes.endIndex, end - index < 5, isHexDigit(bytes[end]) { end += 1 }
            if end < bytes.endIndex, bytes[end] == UInt8(ascii: ".") {
                guard isIPv4Address(bytes[index...]) else { return false }
                groups += 2
                index = bytes.endIndex
                break
            }
            guard end > index, end - index <= 4 else { return false }
            groups += 1
            index = end
            if index == bytes.endIndex { break }
            guard bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ":") {
                guard !sawDoubleColon else { return false }
                sawDoubleColon = true
                index += 1
                if index == bytes.endIndex { break }
            } else if index == bytes.endIndex {
                return false
            }
        }
        return sawDoubleColon ? groups <= 7 : groups == 8
    }

    /// `dec-octet "." dec-octet "." dec-octet "." dec-octet`, each 0–255 without leading zeros.
    static func isIPv4Address(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(ASCII.isDigit) else { return false }
            if part.count > 1 && part.first == UInt8(ascii: "0") { return false }
            var value = 0
            for digit in part { value = value * 10 + Int(digit - UInt8(ascii: "0")) }
            if value > 255 { return false }
        }
        return true
    }

    /// `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// `"!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`.
    private static func isSubDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
