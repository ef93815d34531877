import ATMBytes
import ATMCore
import ATMProtocol
import HTTP1

/// The `X-Request-ID` field: the client's id when it is one, else one made here.
public enum RequestIDField {
    /// The client's id when the field appears once with 1 to 128 visible ASCII characters; else `nil`
    /// (an invalid id is replaced, never refused: it only labels logs).
    public static func id(in head: HTTPRequestHead) -> RequestID? {
        let values = head.values(of: "x-request-id")
        guard values.count == 1 else { return nil }
        return RequestID(values[0][...])
    }

    /// A new id: 32 lowercase hex digits from two random words (16 bytes), made as a trace id is.
    public static func make(from random: (UInt64, UInt64)) -> RequestID {
        var digits = (HexDigits.sixteen(random.0), HexDigits.sixteen(random.1))
        return withUnsafeBytes(of: &digits) { RequestID(unchecked: String(decoding: $0, as: UTF8.self)) }
    }
}
