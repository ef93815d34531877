/// Which form of the protocol a connection speaks, agreed with `HELLO` (docs/protocol.md, *Versions*).
///
/// A whole number that grows by one whenever a side starts to send something an older peer would
/// misread or refuse. Each side speaks every version from 1 up to its own, so a connection speaks the
/// lower of the two; a peer that never answered `HELLO` speaks version 1.
public struct ProtocolVersion: Sendable, Hashable, Comparable {
    public let number: Int64

    /// `nil` outside 1...``largestNumber``.
    public init?(_ number: Int64) {
        guard number >= 1 && number <= Self.largestNumber else { return nil }
        self.number = number
    }

    private init(known number: Int64) {
        self.number = number
    }

    /// The largest number a `HELLO` may carry; a larger one is malformed.
    public static let largestNumber: Int64 = 1_000_000

    /// The protocol before `HELLO` existed (the handler and daemon of commit 22bd11c): every attribute
    /// known or refused, deadlines as moments on the host's CLOCK_MONOTONIC.
    public static let original = ProtocolVersion(known: 1)
    /// `HELLO`, `budget=`, unknown optional attributes ignored, attributes on `OK` replies.
    public static let budgets = ProtocolVersion(known: 2)
    /// The newest version this build speaks.
    public static let current = budgets

    public static func < (lhs: ProtocolVersion, rhs: ProtocolVersion) -> Bool {
        lhs.number < rhs.number
    }
}
