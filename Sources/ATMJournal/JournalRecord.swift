/// One record as replayed: its sequence number and the caller's opaque payload.
public struct JournalRecord: Sendable, Hashable {
    public let sequence: UInt64
    public let payload: [UInt8]

    public init(sequence: UInt64, payload: [UInt8]) {
        self.sequence = sequence
        self.payload = payload
    }
}
