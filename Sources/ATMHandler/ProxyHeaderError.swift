import ATMCore

/// Why the bytes before the client's were not a PROXY version 2 header the handler can trust.
public enum ProxyHeaderError: Error, Sendable, Hashable, CustomStringConvertible {
    case notAProxyHeader(offset: Int)
    case unsupportedVersion(UInt8)
    case unknownCommand(UInt8)
    case unsupportedFamily(UInt8)
    case tooLong(Int)
    case addressTruncated(family: UInt8)
    case tlvTruncated(offset: Int)
    case repeatedTLV(UInt8)
    case sslTLVTruncated
    case certificateNotVerified(UInt32)
    case noSubject
    case subjectTooLong
    /// The connection ended or its deadline passed before a whole header came.
    case incomplete

    public var description: String {
        switch self {
        case .notAProxyHeader(let offset):
            return "proxy-header-missing(byte \(offset) is not the PROXY v2 signature)"
        case .unsupportedVersion(let version): return "proxy-header-version(\(version); only 2 is read)"
        case .unknownCommand(let command): return "proxy-header-command(\(command); LOCAL or PROXY expected)"
        case .unsupportedFamily(let family): return "proxy-header-family(0x\(String(family, radix: 16)))"
        case .tooLong(let length): return "proxy-header-too-long(\(length) bytes; at most \(ProxyHeader.maximumLength))"
        case .addressTruncated(let family):
            return "proxy-header-address-truncated(family 0x\(String(family, radix: 16)))"
        case .tlvTruncated(let offset): return "proxy-header-tlv-truncated(at byte \(offset) of the TLVs)"
        case .repeatedTLV(let type): return "proxy-header-tlv-repeated(type 0x\(String(type, radix: 16)))"
        case .sslTLVTruncated: return "proxy-header-ssl-truncated"
        case .certificateNotVerified(let result): return "proxy-header-certificate-not-verified(result \(result))"
        case .noSubject:
            return "proxy-header-no-subject(a verified certificate but no unique-id TLV naming its subject)"
        case .subjectTooLong: return "proxy-header-subject-too-long(more than \(ClientSubject.maximumLength) bytes)"
        case .incomplete: return "proxy-header-incomplete"
        }
    }
}
