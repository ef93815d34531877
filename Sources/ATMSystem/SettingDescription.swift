/// One environment variable a binary reads, written once: its parser reads the same value that `--help` and
/// the manual page print, so a documented default or range cannot drift from the one enforced.
public struct SettingDescription: Sendable, Hashable {
    public let name: String
    /// The value used while the variable is unset, as a reader should see it ("256", "none").
    public let defaultText: String
    /// The values accepted, as a reader should see them ("1-65536", "an octal file mode").
    public let accepted: String
    /// What the setting does, one line.
    public let meaning: String

    public init(name: String, defaultText: String, accepted: String, meaning: String) {
        self.name = name
        self.defaultText = defaultText
        self.accepted = accepted
        self.meaning = meaning
    }
}

/// A whole-number setting: the name, default and range that ``read(from:)`` enforces are the ones
/// ``description`` documents.
public struct IntegerSetting: Sendable, Hashable {
    public let name: String
    public let defaultValue: Int
    public let range: ClosedRange<Int>
    public let meaning: String

    public init(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>, _ meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.range = range
        self.meaning = meaning
    }

    /// The value `lookup` gives for ``name``, or the default while unset; out of range or not a number is refused.
    public func read(from lookup: (String) -> String?) throws(SettingError) -> Int {
        try Setting.integer(name, from: lookup, default: defaultValue, in: range)
    }

    public var description: SettingDescription {
        SettingDescription(
            name: name, defaultText: String(defaultValue), accepted: "\(range.lowerBound)-\(range.upperBound)",
            meaning: meaning)
    }
}
