import ATMMoney

/// The audit line of an applied change (CONTRACT.md, Observability): one logfmt line, the same from every store,
/// e.g. `audit seq=42 request_id=… identity=… op=deposit account=1002 amount=10.50 balance=261.00`, and
/// ` trace_id=… span_id=…` at the end when the command carried a W3C trace (`trace=`).
extension LedgerChange {
    /// The line for this change, committed as `sequence`, made for `requestID`, `identity` and `trace`.
    ///
    /// The trace comes last and only when there is one, so the line without it is byte for byte as before.
    public func auditLine(
        sequence: UInt64, requestID: RequestID?, identity: ClientSubject?, trace: TraceSpan? = nil
    ) -> String {
        var line = "audit seq=\(sequence) request_id=\(requestID.map { Self.quotedIfNeeded($0.text) } ?? "-")"
        line += " identity=\(identity.map { Self.quoted($0.text) } ?? "-")"
        switch self {
        case .deposit(let account, let amount, let balance):
            line += " op=deposit account=\(account) amount=\(amount) balance=\(balance)"
        case .withdrawal(let account, let amount, let balance):
            line += " op=withdrawal account=\(account) amount=\(amount) balance=\(balance)"
        case .transfer(let source, let destination, let amount, let sourceBalance, let destinationBalance):
            line +=
                " op=transfer account=\(source) to_account=\(destination) amount=\(amount)"
                + " balance=\(sourceBalance) to_balance=\(destinationBalance)"
        case .create(let account, let balance):
            line += " op=create account=\(account) balance=\(balance)"
        case .open(let openings):
            line += " op=open accounts=\(openings.count)"
        case .none:
            line += " op=none"
        }
        if let trace {
            line += " trace_id=\(trace.traceIDText) span_id=\(trace.spanIDText)"
        }
        return line
    }

    /// logfmt quotes a value with `"` or `=` in it; request ids are visible ASCII, so no space needs it.
    private static func quotedIfNeeded(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") }) else { return text }
        return quoted(text)
    }

    /// A logfmt quoted value: `"` and `\\` escaped, control characters as `?`.
    private static func quoted(_ text: String) -> String {
        var escaped = "\""
        for character in text {
            if let ascii = character.asciiValue, ascii < 0x20 || ascii == 0x7F {
                escaped.append("?")
                continue
            }
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "\""
    }
}
