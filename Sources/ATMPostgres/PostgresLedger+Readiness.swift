#if PostgreSQL
    import ATMCore
    import ATMMoney

    extension PostgresLedger {
        /// How long readiness waits for the database: a probe every few seconds must answer well before
        /// its own timeout, and a database that takes longer than this to say `1` cannot serve a change.
        static let readinessMilliseconds = 500

        /// Ready when the database answers `SELECT 1` within ``readinessMilliseconds``, on a pooled connection
        /// (one round trip when one is idle; a connect when none is).
        public func readiness() -> LedgerReadiness {
            let result = withRetries(until: .after(milliseconds: Self.readinessMilliseconds)) {
                session throws(Interruption) in
                _ = try session.query(LedgerSQL.ping, [])
            }
            switch result {
            case .success: return .ready
            case .failure(.expired):
                return .notReady("the database did not answer within \(Self.readinessMilliseconds) ms")
            case .failure: return .notReady("the database is unreachable")
            }
        }

        /// A page of account numbers (after `page.after`, at most `page.limit`), sorted by bytes.
        public func accountNumbers(_ page: AccountPage, until deadline: PostgresDeadline? = nil) -> Result<
            [AccountNumber], PostgresLedger.ReadFailure
        > {
            let parameters = [page.after?.digits, String(page.limit ?? AccountPage.maximumLimit)]
            let result = withRetries(until: deadline ?? defaultDeadline) { session throws(Interruption) in
                try session.query(LedgerSQL.accountPage, parameters).compactMap { row in
                    row.first??.accountNumber
                }
            }
            return result.mapError(ReadFailure.init)
        }
    }
#endif
