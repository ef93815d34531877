import ATMBytes

/// A configuration value from the environment, refused with a message that names it when invalid.
public struct SettingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let value: String
    public let expectation: String

    public init(name: String, value: String, expectation: String) {
        self.name = name
        self.value = value
        self.expectation = expectation
    }

    public var description: String {
        "\(name)=\(value.debugDescription) is invalid: it must be \(expectation)"
    }
}

/// Parsing of the numeric settings both binaries read from environment variables.
public enum Setting {
    /// A decimal integer in `range`, or `defaultValue` when `raw` is `nil` (unset).
    public static func integer(
        _ name: String,
        _ raw: String?,
        default defaultValue: Int,
        in range: ClosedRange<Int>
    ) throws(SettingError) -> Int {
        guard let raw else { return defaultValue }
        let error = SettingError(
            name: name, value: raw, expectation: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        guard let value = DecimalDigits.parse(Array(raw.utf8)[...], allowingLeadingZeros: true),
            value <= UInt64(Int.max), range.contains(Int(value))
        else { throw error }
        return Int(value)
    }

    /// An octal file mode such as `0660`, or `defaultValue` when `raw` is `nil`.
    public static func fileMode(_ name: String, _ raw: String?, default defaultValue: UInt32) throws(SettingError)
        -> UInt32
    {
        guard let raw else { return defaultValue }
        guard !raw.isEmpty, raw.utf8.count <= 4,
            raw.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }),
            let value = UInt32(raw, radix: 8)
        else { throw SettingError(name: name, value: raw, expectation: "an octal file mode such as 0660") }
        return value
    }

    /// ``integer(_:_:default:in:)`` with the raw value looked up by `name`, so the name is written once.
    public static func integer(
        _ name: String, from lookup: (String) -> String?, default defaultValue: Int, in range: ClosedRange<Int>
    ) throws(SettingError) -> Int {
        try integer(name, lookup(name), default: defaultValue, in: range)
    }

    /// ``fileMode(_:_:default:)`` with the raw value looked up by `name`.
    public static func fileMode(
        _ name: String, from lookup: (String) -> String?, default defaultValue: UInt32
    ) throws(SettingError) -> UInt32 {
        try fileMode(name, lookup(name), default: defaultValue)
    }
}
