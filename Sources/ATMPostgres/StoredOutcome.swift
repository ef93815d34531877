#if PostgreSQL
    import ATMCore
    import ATMMoney

    /// An outcome as the `idempotency_keys` columns hold it: kind, account, cents, history id (as text, the way
    /// libpq passes them). Only outcomes the ledger decided are stored; the kinds are the ones today's rows use.
    struct StoredOutcome {
        let kind: String
        let account: String?
        let cents: String?
        let historyID: String?

        /// The columns for `answer`; nil for an outcome that is not stored (an interruption, a replay).
        static func columns(for answer: PostgresLedger.Answer) -> StoredOutcome? {
            switch answer.outcome {
            case .balance(let account, let balance):
                return StoredOutcome(
                    kind: "balance", account: account.digits, cents: String(balance.cents),
                    historyID: answer.historyID.map { String($0) })
            case .refused(let code):
                guard let kind = kinds.first(where: { $0.code == code })?.kind else { return nil }
                return StoredOutcome(kind: kind, account: nil, cents: nil, historyID: nil)
            case .accounts, .history, .replayed:
                return nil
            }
        }

        /// The outcome these columns hold; nil for a row this binary did not write.
        var outcome: LedgerOutcome? {
            if kind == "balance" {
                guard let account = account?.accountNumber, let cents = cents?.int64, cents >= 0 else { return nil }
                return .balance(account, Money(cents: cents))
            }
            return Self.kinds.first(where: { $0.kind == kind }).map { .refused($0.code) }
        }

        /// The refusals a key stores, by their column word.
        private static let kinds: [(kind: String, code: ErrorCode)] = [
            ("not_found", .notFound), ("destination_not_found", .destinationNotFound),
            ("insufficient_funds", .insufficientFunds), ("limit_exceeded", .limitExceeded),
        ]
    }
#endif
