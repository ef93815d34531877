extension Money: CustomStringConvertible {
    /// The amount with exactly two decimals, as the API answers it: `"0.00"`, `"1000.00"`.
    public var description: String {
        String(decoding: formattedBytes, as: UTF8.self)
    }

    /// The same text as ``description``, as bytes, for writers that never build a `String`.
    public var formattedBytes: [UInt8] {
        // Work in the negative range so that Int64.min has a magnitude too.
        let negative = cents < 0
        var remaining = negative ? cents : -cents
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var position = 0
        while remaining != 0 || position < 3 {
            if position == 2 { digits.append(UInt8(ascii: ".")) }
            let digit = -(remaining % 10)
            digits.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit))
            remaining /= 10
            position += 1
        }
        if negative { digits.append(UInt8(ascii: "-")) }
        digits.reverse()
        return digits
    }
}
