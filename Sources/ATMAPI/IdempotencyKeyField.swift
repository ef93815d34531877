import ATMCore
import ATMProtocol
import HTTP1

/// The `Idempotency-Key` request field (draft-ietf-httpapi-idempotency-key-header).
///
/// The draft writes the key as a structured-field string (`"abc"`); clients also send it bare
/// (`abc`, Stripe's form). Both name the same key. Inside quotes, `"` and `\` are refused rather
/// than unescaped, so every key has exactly one spelling.
public enum IdempotencyKeyField {
    /// The key, `nil` when the field is absent, or 400 when it is empty, too long, malformed or repeated.
    public static func key(in head: HTTPRequestHead) throws(APIError) -> IdempotencyKey? {
        let values = head.values(of: "idempotency-key")
        guard let value = values.first else { return nil }
        guard values.count == 1 else { throw .invalidIdempotencyKey }
        var bytes = value[...]
        if bytes.first == UInt8(ascii: "\"") {
            guard bytes.count >= 2, bytes.last == UInt8(ascii: "\"") else { throw .invalidIdempotencyKey }
            bytes = bytes.dropFirst().dropLast()
            guard !bytes.contains(UInt8(ascii: "\"")), !bytes.contains(UInt8(ascii: "\\")) else {
                throw .invalidIdempotencyKey
            }
        }
        guard let key = IdempotencyKey(bytes) else { throw .invalidIdempotencyKey }
        return key
    }
}
