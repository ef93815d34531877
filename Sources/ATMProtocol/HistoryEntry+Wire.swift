import ATMBytes
import ATMCore

/// A history entry as one field of a `HISTORY` reply: the core's compact text, `id:time:kind:amount:balance[:counterparty]`.
extension HistoryEntry {
    /// The field's bytes.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        write(compactTextTo: &bytes)
        return bytes
    }

    /// Reads one field of a `HISTORY` reply.
    public init(decoding field: ArraySlice<UInt8>) throws(ProtocolError) {
        guard let entry = HistoryEntry(compactText: field) else {
            throw ProtocolError(.badArgument, "malformed history entry")
        }
        self = entry
    }
}
