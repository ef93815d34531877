#if PostgreSQL
    extension PostgresLedger {
        /// What a change needs besides its amount and accounts.
        public struct ChangeContext: Sendable {
            /// The client's Idempotency-Key (already unquoted and checked: 1–255 visible ASCII), or nil.
            public var idempotencyKey: String?
            /// What makes two requests "the same" for a key, computed by the caller (e.g. `deposit 1001 1050`).
            public var fingerprint: String
            /// The request id, stored with the history rows for the audit trail.
            public var requestID: String?
            /// No statement starts after it, and no server-side statement may outlive it.
            public var deadline: PostgresDeadline
            /// Who the client proved to be (its certificate subject's bytes), handed to the audit hook with the
            /// change; not stored in the database.
            public var identity: [UInt8]?

            public init(
                idempotencyKey: String? = nil, fingerprint: String, requestID: String? = nil,
                deadline: PostgresDeadline, identity: [UInt8]? = nil
            ) {
                self.idempotencyKey = idempotencyKey
                self.fingerprint = fingerprint
                self.requestID = requestID
                self.deadline = deadline
                self.identity = identity
            }
        }

        /// The answer to one operation, in the terms of the contract's "Outcomes a client can trust".
        public indirect enum Outcome: Sendable, Equatable {
            /// Applied (or, for a read or a create, the account's balance). `historyID` is the history row the
            /// change wrote (for a transfer, the source's `transfer_out` row); nil for reads and creates.
            case balance(account: String, cents: Int64, historyID: Int64?)
            case notFound
            case destinationNotFound
            case insufficientFunds
            case limitExceeded
            /// `create` of a number already taken.
            case exists
            /// The stored outcome of an earlier request with the same key and fingerprint, exactly as it was
            /// first answered (the balance then, not now); nothing was applied again.
            case replayed(Outcome)
            case keyReusedWithDifferentRequest
            /// Another transaction is applying a request with this key at this moment (on any daemon).
            case keyInProgress
            /// The deadline passed before the change could be made: certainly not applied.
            case expired
            /// The database could not be reached, or the connection failed before the change was committed:
            /// certainly not applied.
            case unavailable
            /// The change (or its COMMIT) was sent and no answer came: it may have been applied.
            case unknown
            /// The server refused a statement for a reason the ledger does not expect (a bug or a damaged
            /// schema): certainly not applied; worth a log line.
            case databaseError(sqlState: String, message: String)
            /// The arguments cannot name a change (checked before anything is sent).
            case invalid(InvalidInput)
        }

        /// A change the database committed, with every balance it left: what an audit line records.
        public struct AppliedChange: Sendable, Equatable {
            public enum Kind: Sendable, Equatable {
                case deposit
                case withdrawal
                /// From `account` to `counterparty`.
                case transfer
            }

            /// The history row the change wrote (a transfer's `transfer_out` row).
            public let historyID: Int64
            public let kind: Kind
            public let account: String
            public let cents: Int64
            /// `account`'s balance right after the change.
            public let balanceAfter: Int64
            /// A transfer's destination and its balance right after the change.
            public let counterparty: String?
            public let counterpartyBalanceAfter: Int64?
            public let requestID: String?
            /// The client identity of the change's request (``ChangeContext/identity``).
            public let identity: [UInt8]?
        }

        /// Arguments the ledger refuses before touching the database.
        public enum InvalidInput: Sendable, Equatable {
            /// Not 1–32 ASCII digits.
            case accountNumber
            /// An amount that is not positive (or, for `create`, a negative balance).
            case amount
            /// A transfer whose source and destination are the same.
            case sameAccount
            /// An empty or over-long key (the caller checks the full grammar).
            case idempotencyKey
            /// A history page size below 1 (the caller bounds the top).
            case limit
        }

        /// One applied change of one account.
        public struct HistoryEntry: Sendable, Equatable {
            public enum Kind: String, Sendable {
                case deposit
                case withdrawal
                case transferIn = "transfer_in"
                case transferOut = "transfer_out"
            }

            /// Increasing across the database (a `bigserial`), so a page's last id is the next page's `before`.
            public let id: Int64
            /// When the change's transaction began (UTC milliseconds since 1970, by the database's clock).
            public let timeMilliseconds: Int64
            public let kind: Kind
            public let cents: Int64
            public let balanceAfter: Int64
            /// The other account of a transfer.
            public let counterparty: String?
        }

        /// The answer to `history`.
        public enum HistoryOutcome: Sendable, Equatable {
            /// Newest first.
            case entries([HistoryEntry])
            case notFound
            case expired
            case unavailable
            case databaseError(sqlState: String, message: String)
            case invalid(InvalidInput)
        }
    }
#endif
