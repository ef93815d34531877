#if PostgreSQL
    import ATMCore
    import ATMMoney

    extension PostgresLedger {
        /// A money movement as the ledger carries it out: the operation (what a key's fingerprint is made of),
        /// its context (key, request id and identity for the history rows and the audit line), and the deadline
        /// on the database's clock.
        struct Change: Sendable {
            let operation: LedgerOperation
            let context: OperationContext
            let deadline: PostgresDeadline
        }

        /// An outcome with the history row the change wrote (a transfer's `transfer_out` row), nil for a refusal,
        /// a replay, a read or a create: the row id is the audit line's sequence number.
        struct Answer: Sendable {
            let outcome: LedgerOutcome
            let historyID: Int64?
            /// A transfer's destination balance right after it, for the audit line.
            var destinationBalance: Int64 = 0

            static func refused(_ code: ErrorCode) -> Answer { Answer(outcome: .refused(code), historyID: nil) }
        }

        /// Why a read failed; no read changes anything, so none of these is "unknown".
        public enum ReadFailure: Error, Sendable, Equatable {
            case expired
            case unavailable
            case databaseError(sqlState: String, message: String)

            init(_ interruption: Interruption) {
                switch interruption {
                case .expired: self = .expired
                case .failed(let sqlState, let message): self = .databaseError(sqlState: sqlState, message: message)
                case .unavailable, .unknown, .retry: self = .unavailable
                }
            }
        }
    }
#endif
