#if PostgreSQL
    import ATMCore
    import ATMLedger
    import ATMMoney
    import ATMPostgres
    import ATMProtocol
    import ATMSystem

    /// The daemon's commands carried out on a PostgreSQL database shared with other daemons: the protocol
    /// stays the same, the balances live in the database.
    ///
    /// Every `PostgresLedger.Outcome` maps to exactly one reply; whether a change was applied, was certainly not,
    /// or may have been is preserved as OK, `ERR unavailable`/`ERR expired`, or `ERR unknown`.
    public final class PostgresBackend: StateBackend {
        let ledger: PostgresLedger
        /// The deadline of a command that carries none (a person at the socket).
        let defaultDeadlineMilliseconds: Int
        /// Where a database error the ledger did not expect is reported, one line each.
        let log: @Sendable (String) -> Void

        public init(
            _ ledger: PostgresLedger, defaultDeadlineMilliseconds: Int = 5_000,
            log: @escaping @Sendable (String) -> Void = { StandardError.write("atm-stated: \($0)") }
        ) {
            self.ledger = ledger
            self.defaultDeadlineMilliseconds = defaultDeadlineMilliseconds
            self.log = log
        }

        /// Carries out one request on the database and says how it went, as the reply line to send.
        public func reply(to request: StateRequest) -> StateReply {
            let deadline = Self.deadline(of: request, default: defaultDeadlineMilliseconds)
            switch request.command {
            case .ping: return .pong
            case .help: return .help
            case .quit: return .bye
            case .list:
                switch ledger.accountNumbers(until: deadline) {
                case .success(let numbers): return .accounts(numbers.compactMap { AccountNumber(Array($0.utf8)) })
                case .failure(let failure): return readFailure(failure)
                }
            case .balance(let number):
                return reply(to: ledger.balance(of: number.digits, until: deadline))
            case .history(let number, let limit, let before):
                let page = ledger.history(
                    of: number.digits, limit: limit, before: before.map { Int64(clamping: $0) }, until: deadline)
                return reply(to: page, of: number)
            case .create(let number, let balance):
                let outcome = ledger.create(number.digits, balance: balance.cents, until: deadline)
                if case .balance = outcome {
                    // No history row records a creation, so its audit line has no sequence number: seq=0.
                    let record = LedgerRecord(
                        change: .create(number, balance: balance), timeMilliseconds: 0, requestID: request.requestID,
                        identity: request.identity)
                    log(record.auditLine(sequence: 0))  // changes of balances come through the ledger's hook
                }
                return reply(to: outcome)
            case .deposit(let amount, let number):
                return reply(to: ledger.deposit(amount.cents, to: number.digits, request: context(request, deadline)))
            case .withdraw(let amount, let number):
                return reply(
                    to: ledger.withdraw(amount.cents, from: number.digits, request: context(request, deadline)))
            case .transfer(let amount, let source, let destination):
                return reply(
                    to: ledger.transfer(
                        amount.cents, from: source.digits, to: destination.digits,
                        request: context(request, deadline)))
            }
        }

        /// The command's deadline on the same clock: CommandDeadline is CLOCK_MONOTONIC milliseconds, and
        /// PostgresDeadline CLOCK_MONOTONIC nanoseconds.
        static func deadline(of request: StateRequest, default milliseconds: Int) -> PostgresDeadline {
            guard let deadline = request.deadline else { return .after(milliseconds: milliseconds) }
            let (nanoseconds, overflow) = deadline.milliseconds.multipliedReportingOverflow(by: 1_000_000)
            return PostgresDeadline(monotonicNanoseconds: overflow ? .max : nanoseconds)
        }

        /// The key, fingerprint and request id of a money movement; the fingerprint is the command's words
        /// (amounts in cents), as the in-memory ledger binds a key.
        private func context(_ request: StateRequest, _ deadline: PostgresDeadline) -> PostgresLedger.ChangeContext {
            PostgresLedger.ChangeContext(
                idempotencyKey: request.idempotencyKey?.text,
                fingerprint: String(decoding: request.command.words, as: UTF8.self),
                requestID: request.requestID?.text, deadline: deadline, identity: request.identity?.bytes)
        }

        func reply(to outcome: PostgresLedger.Outcome) -> StateReply {
            switch outcome {
            case .balance(let account, let cents, _):
                guard let number = AccountNumber(Array(account.utf8)) else {
                    log("PostgreSQL: the database holds an account number the protocol cannot carry: \(account)")
                    return .error(Self.unknown)
                }
                return .balance(number, Money(cents: cents))
            case .notFound: return .error(ProtocolError(.notFound, "account not found"))
            case .destinationNotFound:
                return .error(ProtocolError(.destinationNotFound, "destination account not found"))
            case .insufficientFunds: return .error(ProtocolError(.insufficientFunds, "insufficient funds"))
            case .limitExceeded: return .error(ProtocolError(.limitExceeded, "balance limit exceeded"))
            case .exists: return .error(ProtocolError(.exists, "account already exists"))
            case .replayed(let original): return .replayed(reply(to: original))
            case .keyReusedWithDifferentRequest:
                return .error(ProtocolError(.keyReused, "idempotency key reused with a different request"))
            case .keyInProgress:
                return .error(ProtocolError(.keyInProgress, "a request with this idempotency key is in progress"))
            case .expired: return .error(Self.expired)
            case .unavailable: return .error(Self.unavailable)
            case .unknown: return .error(Self.unknown)
            case .databaseError(let sqlState, let message):
                // The server refused a statement, so its transaction rolled back: certainly not applied.
                log("PostgreSQL: unexpected error \(sqlState): \(message)")
                return .error(Self.unavailable)
            case .invalid(let input): return .error(Self.refusal(of: input))
            }
        }

        private func reply(to page: PostgresLedger.HistoryOutcome, of number: AccountNumber) -> StateReply {
            switch page {
            case .entries(let entries):
                var converted: [HistoryEntry] = []
                converted.reserveCapacity(entries.count)
                for entry in entries {
                    guard let protocolEntry = Self.historyEntry(entry) else {
                        log("PostgreSQL: a history row the protocol cannot carry: id \(entry.id)")
                        return .error(Self.unavailable)
                    }
                    converted.append(protocolEntry)
                }
                return .history(number, converted)
            case .notFound: return .error(ProtocolError(.notFound, "account not found"))
            case .expired: return .error(Self.expired)
            case .unavailable: return .error(Self.unavailable)
            case .databaseError(let sqlState, let message):
                log("PostgreSQL: unexpected error \(sqlState): \(message)")
                return .error(Self.unavailable)
            case .invalid(let input): return .error(Self.refusal(of: input))
            }
        }

        private func readFailure(_ failure: PostgresLedger.ReadFailure) -> StateReply {
            switch failure {
            case .expired: return .error(Self.expired)
            case .unavailable: return .error(Self.unavailable)
            case .databaseError(let sqlState, let message):
                log("PostgreSQL: unexpected error \(sqlState): \(message)")
                return .error(Self.unavailable)
            }
        }

        /// A database history row as the protocol reports it; nil for a row no applied change could write.
        static func historyEntry(_ entry: PostgresLedger.HistoryEntry) -> HistoryEntry? {
            guard entry.id > 0, entry.cents > 0, entry.balanceAfter >= 0 else { return nil }
            let kind: HistoryEntry.Kind
            switch entry.kind {
            case .deposit: kind = .deposit
            case .withdrawal: kind = .withdrawal
            case .transferIn: kind = .transferIn
            case .transferOut: kind = .transferOut
            }
            var counterparty: AccountNumber?
            if let other = entry.counterparty {
                guard let number = AccountNumber(Array(other.utf8)) else { return nil }
                counterparty = number
            }
            guard (kind == .transferIn || kind == .transferOut) == (counterparty != nil) else { return nil }
            return HistoryEntry(
                id: UInt64(entry.id), timeMilliseconds: max(0, entry.timeMilliseconds), kind: kind,
                amount: Money(cents: entry.cents), balance: Money(cents: entry.balanceAfter),
                counterparty: counterparty)
        }

        /// The audit line of a committed change, in the in-memory ledger's format; `seq` is the history id.
        public static func auditLine(_ change: PostgresLedger.AppliedChange) -> String? {
            guard let account = AccountNumber(Array(change.account.utf8)) else { return nil }
            let amount = Money(cents: change.cents)
            let balance = Money(cents: change.balanceAfter)
            let recorded: LedgerChange
            switch change.kind {
            case .deposit: recorded = .deposit(account, amount: amount, balance: balance)
            case .withdrawal: recorded = .withdrawal(account, amount: amount, balance: balance)
            case .transfer:
                guard let other = change.counterparty.flatMap({ AccountNumber(Array($0.utf8)) }),
                    let otherBalance = change.counterpartyBalanceAfter
                else { return nil }
                recorded = .transfer(
                    from: account, to: other, amount: amount, fromBalance: balance,
                    toBalance: Money(cents: otherBalance))
            }
            let record = LedgerRecord(
                change: recorded, timeMilliseconds: 0, requestID: change.requestID.map { RequestID(unchecked: $0) },
                identity: change.identity.flatMap(ClientSubject.init))
            return record.auditLine(sequence: UInt64(clamping: change.historyID))
        }

        private static func refusal(of input: PostgresLedger.InvalidInput) -> ProtocolError {
            switch input {
            case .sameAccount: ProtocolError(.sameAccount, "cannot transfer to the same account")
            case .accountNumber: ProtocolError(.badArgument, "the database cannot hold that account number")
            case .amount: ProtocolError(.badArgument, "the amount must be positive")
            case .idempotencyKey: ProtocolError(.badArgument, "key= takes one key of 1 to 255 visible ASCII characters")
            case .limit: ProtocolError(.badArgument, "the history limit must be at least 1")
            }
        }

        static let expired = ProtocolError(.expired, "the command's deadline passed before it could be applied")
        static let unavailable = ProtocolError(.unavailable, "the database cannot be reached; nothing was applied")
        static let unknown = ProtocolError(
            .unknown, "the change was sent to the database and no answer came; it may have been applied")
    }
#endif
