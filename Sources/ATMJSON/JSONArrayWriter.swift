/// Writes a JSON array of objects, for lists such as an account's transactions.
public struct JSONArrayWriter {
    private(set) var bytes: [UInt8] = [UInt8(ascii: "[")]
    private var isEmpty = true

    public init() {}

    /// Appends one finished object.
    public mutating func append(_ object: JSONObjectWriter) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        bytes += object.finish()
    }

    /// The finished array.
    public func finish() -> [UInt8] {
        bytes + [UInt8(ascii: "]")]
    }
}
