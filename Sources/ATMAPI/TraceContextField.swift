import ATMBytes
import ATMCore
import HTTP1

/// The W3C Trace Context request fields, `traceparent` and `tracestate` (W3C Recommendation "Trace
/// Context", its *traceparent Header* and *tracestate Header*), read strictly and as bytes: an invalid one is replaced, never refused.
public enum TraceContextField {
    /// What a valid `traceparent` says: the caller's trace, the caller's span (the parent of ours), its flags.
    public struct Parent: Sendable, Hashable {
        public let traceHigh: UInt64
        public let traceLow: UInt64
        public let parentID: UInt64
        public let flags: UInt8

        /// The `sampled` flag (the recommendation's *Sampled flag*): the caller may have recorded this trace.
        public var isSampled: Bool { flags & 0x01 != 0 }
    }

    /// The caller's `traceparent` when the field appears exactly once with a valid value; else `nil`.
    ///
    /// Two fields are invalid rather than joined: a list of two `traceparent`s names no one parent.
    public static func parent(in head: HTTPRequestHead) -> Parent? {
        var found: [UInt8]?
        for field in head.fields where ASCII.equals(field.name[...], "traceparent") {
            guard found == nil else { return nil }
            found = field.value
        }
        guard let found else { return nil }
        return parent(parsing: found[...])
    }

    /// Reads one `traceparent` value (*traceparent Header Field Values*, *Versioning of traceparent*):
    ///
    ///     version-format = trace-id "-" parent-id "-" trace-flags   ; version 00: exactly 55 bytes
    ///     traceparent    = version "-" version-format
    ///     version        = 2HEXDIGLC   ; ff is invalid
    ///     trace-id       = 32HEXDIGLC  ; not all zeros
    ///     parent-id      = 16HEXDIGLC  ; not all zeros
    ///     trace-flags    = 2HEXDIGLC
    ///
    /// A version above 00 (and not ff) is read by version 00's rules if its first 55 bytes follow them and
    /// the rest is empty or begins with `-`: the fields a later version adds are skipped, as *Versioning of traceparent* asks.
    /// Upper-case hex (HEXDIGLC is lower case only) is invalid.
    public static func parent(parsing value: ArraySlice<UInt8>) -> Parent? {
        guard value.count >= 55 else { return nil }
        let start = value.startIndex
        guard let version = DecimalDigits.parseLowercaseHexadecimal(value[start..<start + 2], count: 2),
            version != 0xFF,
            value[start + 2] == UInt8(ascii: "-"), value[start + 35] == UInt8(ascii: "-"),
            value[start + 52] == UInt8(ascii: "-")
        else { return nil }
        if version == 0 {
            guard value.count == 55 else { return nil }
        } else if value.count > 55 {
            guard value[start + 55] == UInt8(ascii: "-") else { return nil }
        }
        guard let high = DecimalDigits.parseLowercaseHexadecimal(value[start + 3..<start + 19], count: 16),
            let low = DecimalDigits.parseLowercaseHexadecimal(value[start + 19..<start + 35], count: 16),
            high | low != 0,
            let parentID = DecimalDigits.parseLowercaseHexadecimal(value[start + 36..<start + 52], count: 16),
            parentID != 0,
            let flags = DecimalDigits.parseLowercaseHexadecimal(value[start + 53..<start + 55], count: 2)
        else { return nil }
        return Parent(traceHigh: high, traceLow: low, parentID: parentID, flags: UInt8(flags))
    }

    /// The most list members a `tracestate` may have (*tracestate Limits*); one with more is dropped whole.
    public static let maximumStateMembers = 32
    /// How much of a `tracestate` is passed on (*tracestate Limits*: at least 512 characters are propagated).
    public static let maximumStateLength = 512
    /// Members longer than this go first when a `tracestate` must be shortened (*tracestate Limits*).
    static let longStateMember = 128

    /// The caller's `tracestate` to pass on, its fields joined as one list (*tracestate Header Field Values*), or `nil` when it
    /// is absent, empty, or malformed (then dropped, as it only decorates the trace).
    ///
    /// Empty members are left out. Past ``maximumStateLength`` characters, members longer than 128 are
    /// removed first, then members from the end, as *tracestate Limits* recommends.
    public static func state(in head: HTTPRequestHead) -> [UInt8]? {
        var members: [ArraySlice<UInt8>] = []
        var keys: [ArraySlice<UInt8>] = []
        for field in head.fields where ASCII.equals(field.name[...], "tracestate") {
            for part in field.value.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                let member = HTTPSyntax.trimmingWhitespace(part)
                if member.isEmpty { continue }
                guard let key = stateKey(of: member), !keys.contains(key),
                    members.count < maximumStateMembers
                else { return nil }
                keys.append(key)
                members.append(member)
            }
        }
        guard !members.isEmpty else { return nil }
        var length = members.reduce(members.count - 1) { $0 + $1.count }
        if length > maximumStateLength {
            members.removeAll { member in
                guard length > maximumStateLength, member.count > longStateMember else { return false }
                length -= member.count + 1
                return true
            }
            while length > maximumStateLength, let last = members.popLast() { length -= last.count + 1 }
            guard !members.isEmpty else { return nil }
        }
        var joined: [UInt8] = []
        joined.reserveCapacity(length)
        for member in members {
            if !joined.isEmpty { joined.append(UInt8(ascii: ",")) }
            joined.append(contentsOf: member)
        }
        return joined
    }

    /// The key of one `list-member` (*tracestate Header Field Values*), or `nil` when the member is not `key=value`:
    ///
    ///     key              = simple-key / multi-tenant-key
    ///     simple-key       = lcalpha 0*255( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
    ///     multi-tenant-key = tenant-id "@" system-id
    ///     tenant-id        = ( lcalpha / DIGIT ) 0*240( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
    ///     system-id        = lcalpha 0*13( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
    ///     value            = 0*255(chr) nblk-chr
    ///     nblk-chr         = %x21-2B / %x2D-3C / %x3E-7E
    ///     chr              = %x20 / nblk-chr
    static func stateKey(of member: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let equals = member.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let key = member[..<equals]
        let value = member[(equals + 1)...]
        guard isStateKey(key), let last = value.last, value.count <= 256, isNonBlankValueByte(last),
            value.allSatisfy({ $0 == 0x20 || isNonBlankValueByte($0) })
        else { return nil }
        return key
    }

    private static func isStateKey(_ key: ArraySlice<UInt8>) -> Bool {
        guard let at = key.firstIndex(of: UInt8(ascii: "@")) else {
            guard let first = key.first, isLowercaseLetter(first), key.count <= 256 else { return false }
            return key.dropFirst().allSatisfy(isKeyByte)
        }
        let tenant = key[..<at]
        let system = key[(at + 1)...]
        guard let tenantFirst = tenant.first, isLowercaseLetter(tenantFirst) || ASCII.isDigit(tenantFirst),
            tenant.count <= 241, tenant.dropFirst().allSatisfy(isKeyByte),
            let systemFirst = system.first, isLowercaseLetter(systemFirst), system.count <= 14,
            system.dropFirst().allSatisfy(isKeyByte)
        else { return false }
        return true
    }

    private static func isLowercaseLetter(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isLowercaseLetter(byte) || ASCII.isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "/")
    }

    /// `nblk-chr`: visible ASCII but `,` and `=`.
    private static func isNonBlankValueByte(_ byte: UInt8) -> Bool {
        byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: ",") && byte != UInt8(ascii: "=")
    }
}
