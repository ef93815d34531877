/// Writes the Prometheus text exposition format 0.0.4: `# HELP` and `# TYPE` once per family,
/// then its samples; label values escaped (`\`, `"` and newline), numbers as Go would parse them.
struct PrometheusText {
    private(set) var text = ""

    enum Kind: String {
        case counter, gauge, histogram
    }

    /// Starts a family; every sample written until the next family belongs to it.
    mutating func family(_ name: String, _ kind: Kind, help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{"
            for (index, (label, labelValue)) in labels.enumerated() {
                if index > 0 { text += "," }
                text += "\(label)=\"\(Self.escaped(labelValue))\""
            }
            text += "}"
        }
        text += " \(value)\n"
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: UInt64) {
        sample(name, labels, String(value))
    }

    /// A sample without labels.
    mutating func sample(_ name: String, _ value: UInt64) {
        sample(name, [], String(value))
    }

    /// A histogram's cumulative `_bucket` samples (with `+Inf`), `_sum` and `_count`, from
    /// non-cumulative `counts` (one per bound, then one above every bound).
    mutating func histogram(
        _ name: String, _ labels: [(String, String)] = [], upperBounds: [Double], counts: [UInt64], sum: Double
    ) {
        var cumulative: UInt64 = 0
        for (index, bound) in upperBounds.enumerated() {
            cumulative += counts[index]
            sample("\(name)_bucket", labels + [("le", Self.number(bound))], cumulative)
        }
        cumulative += counts[upperBounds.count]
        sample("\(name)_bucket", labels + [("le", "+Inf")], cumulative)
        sample("\(name)_sum", labels, Self.number(sum))
        sample("\(name)_count", labels, cumulative)
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : (value.isNaN ? "NaN" : (value > 0 ? "+Inf" : "-Inf"))
    }

    private static func escaped(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
