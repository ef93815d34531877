import ATMBytes

/// A request target's query as `name=value` pairs, percent-decoded: what every route that takes
/// parameters reads its own from (`transactions`, `health`).
///
/// The query is split at `&`, each pair at its first `=`, and each name and value percent-decoded
/// (RFC 3986 §2.1; `+` is not a space here, since no value a route takes has one). Empty pairs (`&&`)
/// are skipped; a broken escape (`%`, `%4`, `%zz`) anywhere is a 400.
enum QueryParameters {
    /// One parameter: its decoded name, its decoded value, and whether it had a `=` at all.
    struct Parameter {
        let name: [UInt8]
        let value: [UInt8]
        let hasValue: Bool
    }

    /// Calls `body` with each parameter of `query` (the bytes after `?`, still encoded), in order.
    static func forEach(
        in query: [UInt8], _ body: (Parameter) throws(APIError) -> Void
    ) throws(APIError) {
        for pair in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            guard let name = ASCII.percentDecoded(pair[..<(equals ?? pair.endIndex)]),
                let value = ASCII.percentDecoded(equals.map { pair[($0 + 1)...] } ?? [])
            else {
                throw .invalidQuery(.badEscape)
            }
            try body(Parameter(name: name, value: value, hasValue: equals != nil))
        }
    }
}
