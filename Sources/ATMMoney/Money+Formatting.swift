import ATMBytes

extension Money: CustomStringConvertible {
    /// The amount with exactly two decimals, as the API answers it: `"0.00"`, `"1000.00"`.
    public var description: String {
        String(decoding: formattedBytes, as: UTF8.self)
    }

    /// The same text as ``description``, as bytes, for writers that never build a `String`.
    public var formattedBytes: [UInt8] {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return bytes
    }

    /// Appends the two-decimal text to `bytes`.
    public func append(to bytes: inout [UInt8]) {
        if cents < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = cents.magnitude
        bytes.append(decimal: Int64(magnitude / 100))
        let fraction = UInt8(truncatingIfNeeded: magnitude % 100)
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") &+ fraction / 10)
        bytes.append(UInt8(ascii: "0") &+ fraction % 10)
    }
}
