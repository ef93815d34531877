import ATMCore

extension LedgerRecord {
    /// The audit line of this record, committed as `sequence`.
    public func auditLine(sequence: UInt64) -> String {
        change.auditLine(sequence: sequence, requestID: requestID, identity: identity, trace: trace)
    }
}
