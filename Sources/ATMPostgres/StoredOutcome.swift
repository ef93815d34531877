#if PostgreSQL
    import ATMCore
    import ATMMoney

    /// An outcome as the `idempotency_keys` columns hold it: kind, account, cents, history id (as text, the way
    /// libpq passes them). Only outcomes the ledger decided are stored (``BatchSQL`` writes them); the kinds are
    /// the ones every release's rows use.
    struct StoredOutcome {
        let kind: String
        let account: String?
        let cents: String?
        let historyID: String?

        /// The refusal a stored outcome word (or a batch row's result) names; nil for a word this binary did not
        /// write.
        static func code(forKind kind: String) -> ErrorCode? {
            kinds.first(where: { $0.kind == kind })?.code
        }

        /// The outcome these columns hold; nil for a row this binary did not write.
        var outcome: LedgerOutcome? {
            if kind == "balance" {
                guard let account = account?.accountNumber, let cents = cents?.int64, cents >= 0 else { return nil }
                return .balance(account, Money(cents: cents))
            }
            return Self.code(forKind: kind).map { .refused($0) }
        }

        /// The refusals a key stores, by their column word.
        private static let kinds: [(kind: String, code: ErrorCode)] = [
            ("not_found", .notFound), ("destination_not_found", .destinationNotFound),
            ("insufficient_funds", .insufficientFunds), ("limit_exceeded", .limitExceeded),
        ]
    }
#endif
