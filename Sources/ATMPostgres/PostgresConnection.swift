#if PostgreSQL
    import CLibpq
    import ATMSystem

    /// One libpq connection (`PGconn`), driven asynchronously so that every wait is bounded by a deadline.
    ///
    /// libpq connections are not thread-safe; the pool's lease gives each to one thread at a time, which is what
    /// makes the `@unchecked Sendable` sound.
    final class PostgresConnection: @unchecked Sendable {
        /// What became of a statement, in the terms the ledger needs to say whether it was applied.
        enum Reply {
            /// The server answered; the rows (empty for a command), as text.
            case rows([[String?]])
            /// The server answered with an error: the statement failed and changed nothing.
            case failed(sqlState: String, message: String)
            /// Nothing was sent: the deadline had passed (`expired`) or the connection was already broken.
            case notSent(expired: Bool)
            /// It was sent and no answer came (the connection broke, or the deadline and grace passed).
            case noAnswer
        }

        /// libpq's reason a connection could not be made, one line.
        struct ConnectFailure: Error {
            let message: String
        }

        private let handle: OpaquePointer
        private var prepared: Set<String> = []
        /// The session's `statement_timeout` in milliseconds, as last set.
        private var statementTimeout: Int
        /// Set once anything went wrong that leaves the session in doubt; the pool then drops the connection.
        private(set) var isBroken = false
        /// Whether the server sent a WARNING while the last statement ran (the notice receiver sets it).
        private(set) var warnedDuringLastStatement = false
        private let grace: Int

        private init(handle: OpaquePointer, statementTimeout: Int, grace: Int) {
            self.handle = handle
            self.statementTimeout = statementTimeout
            self.grace = grace
        }

        deinit { PQfinish(handle) }

        /// Checks a URI the way libpq will read it, without connecting.
        static func validate(uri: String) -> String? {
            var error: UnsafeMutablePointer<CChar>?
            guard let options = PQconninfoParse(uri, &error) else {
                defer { if let error { PQfreemem(error) } }
                return error.map { trimmed(String(cString: $0)) } ?? "libpq cannot parse it"
            }
            PQconninfoFree(options)
            return nil
        }

        /// Opens a connection (`PQconnectStartParams` + `PQconnectPoll`, waiting in `poll()`), then sets the
        /// session's timeouts. Fails with libpq's message; never waits past `deadline`.
        static func connect(
            uri: String, statementTimeout: Int, grace: Int, until deadline: PostgresDeadline
        ) -> Result<PostgresConnection, ConnectFailure> {
            let keywords = ["dbname", "application_name"]
            let values = [uri, "atm-stated"]
            let started = withCStrings(keywords) { keys in
                withCStrings(values) { vals in PQconnectStartParams(keys + [nil], vals + [nil], 1) }
            }
            guard let handle = started else { return .failure(ConnectFailure(message: "out of memory")) }
            let connection = PostgresConnection(handle: handle, statementTimeout: -1, grace: grace)
            // libpq prints notices (e.g. "relation already exists, skipping") to stderr by default; a library
            // must not write there. One kind changes an outcome: a WARNING during a commit (see LedgerSession),
            // so the receiver notes warnings. The connection outlives its handle's callbacks (PQfinish in deinit).
            PQsetNoticeReceiver(
                handle,
                { context, result in
                    guard let context, let result,
                        let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V"))),
                        String(cString: severity) == "WARNING"
                    else { return }
                    Unmanaged<PostgresConnection>.fromOpaque(context).takeUnretainedValue()
                        .warnedDuringLastStatement = true
                }, Unmanaged.passUnretained(connection).toOpaque())
            if PQstatus(handle) == CONNECTION_BAD { return .failure(ConnectFailure(message: connection.errorMessage)) }
            var state = PGRES_POLLING_WRITING
            while true {
                switch state {
                case PGRES_POLLING_OK:
                    return connection.configure(statementTimeout: statementTimeout, until: deadline)
                        ? .success(connection)
                        : .failure(ConnectFailure(message: "could not set the session's timeouts"))
                case PGRES_POLLING_FAILED:
                    return .failure(ConnectFailure(message: connection.errorMessage))
                default:
                    let events: FileDescriptor.Readiness = state == PGRES_POLLING_READING ? .readable : .writable
                    guard waitForSocket(PQsocket(handle), events: events, until: deadline) else {
                        return .failure(ConnectFailure(message: "timed out connecting"))
                    }
                    state = PQconnectPoll(handle)
                }
            }
        }

        /// True when the connection is open, outside a transaction and has nothing unread: an idle session that
        /// has data waiting was told something (typically that the server is shutting down), so it is not reused.
        var isReusable: Bool {
            guard !isBroken, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE else {
                return false
            }
            let socket = PQsocket(handle)
            guard socket >= 0 else { return false }
            return (try? FileDescriptor(rawValue: socket).wait(for: .readable, until: .now)) == false
        }

        /// True while a transaction is open (or failed) on this session.
        var isInTransaction: Bool {
            let status = PQtransactionStatus(handle)
            return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
        }

        /// Runs a prepared statement with text parameters, keeping the server's `statement_timeout` within what
        /// the deadline leaves (rounded down to 100 ms steps, so a steady stream of requests rarely resets it).
        func run(_ statement: Statement, _ parameters: [String?], until deadline: PostgresDeadline) -> Reply {
            if isBroken || PQstatus(handle) != CONNECTION_OK { return .notSent(expired: false) }
            let remaining = deadline.remainingMilliseconds
            if remaining <= 0 { return .notSent(expired: true) }
            if statementTimeout > remaining || statementTimeout < remaining / 2 {
                let target = remaining >= 200 ? remaining / 100 * 100 : remaining
                if let reply = setStatementTimeout(target, until: deadline) { return reply }
            }
            if !prepared.contains(statement.name) {
                if let setup = statement.setup {
                    if PQsendQuery(handle, setup) == 0 { return brokenBeforeSending() }
                    switch collect(until: deadline) {
                    case .rows: break
                    case let other: return other
                    }
                }
                let sent = PQsendPrepare(handle, statement.name, statement.text, 0, nil)
                if sent == 0 { return brokenBeforeSending() }
                switch collect(until: deadline) {
                case .rows: prepared.insert(statement.name)
                case let other: return other
                }
            }
            warnedDuringLastStatement = false
            let sent = withCStrings(parameters) { values in
                PQsendQueryPrepared(handle, statement.name, Int32(values.count), values, nil, nil, 0)
            }
            if sent == 0 { return brokenBeforeSending() }
            return collect(until: deadline)
        }

        /// Runs constant SQL through the simple protocol (several statements allowed): migrations' DDL, and
        /// BEGIN / COMMIT / ROLLBACK.
        func runScript(_ sql: String, until deadline: PostgresDeadline) -> Reply {
            if isBroken || PQstatus(handle) != CONNECTION_OK { return .notSent(expired: false) }
            if deadline.hasPassed { return .notSent(expired: true) }
            warnedDuringLastStatement = false
            if PQsendQuery(handle, sql) == 0 { return brokenBeforeSending() }
            return collect(until: deadline)
        }

        /// Marks the session as not to be reused.
        func markBroken() { isBroken = true }

        private func configure(statementTimeout: Int, until deadline: PostgresDeadline) -> Bool {
            let statement = Statement(
                name: "configure",
                text: "SELECT set_config('statement_timeout', $1, false),"
                    + " set_config('idle_in_transaction_session_timeout', $2, false)")
            let idleLimit = String(max(statementTimeout * 2, 1000))
            let sent = withCStrings([String(statementTimeout), idleLimit]) { values in
                PQsendQueryParams(handle, statement.text, 2, nil, values, nil, nil, 0)
            }
            guard sent != 0, case .rows = collect(until: deadline) else { return false }
            self.statementTimeout = statementTimeout
            return true
        }

        private func setStatementTimeout(_ milliseconds: Int, until deadline: PostgresDeadline) -> Reply? {
            let sent = withCStrings([String(milliseconds)]) { values in
                PQsendQueryParams(
                    handle, "SELECT set_config('statement_timeout', $1, false)", 1, nil, values, nil, nil, 0)
            }
            if sent == 0 { return brokenBeforeSending() }
            switch collect(until: deadline) {
            case .rows:
                statementTimeout = milliseconds
                return nil
            case .failed(let sqlState, let message): return .failed(sqlState: sqlState, message: message)
            case .notSent(let expired): return .notSent(expired: expired)
            case .noAnswer:
                // Setting a timeout changes no data, so an unanswered one is certainly not an applied change.
                return .notSent(expired: deadline.hasPassed)
            }
        }

        private func brokenBeforeSending() -> Reply {
            isBroken = true
            return .notSent(expired: false)
        }

        /// Waits (in `poll()`, up to the deadline plus the grace) for every result of the query just sent. The
        /// first error wins; otherwise the last result's rows.
        private func collect(until deadline: PostgresDeadline) -> Reply {
            let limit = deadline.adding(milliseconds: grace)
            var reply: Reply = .rows([])
            var sawError = false
            while true {
                while PQisBusy(handle) != 0 {
                    guard PostgresConnection.waitForSocket(PQsocket(handle), events: .readable, until: limit),
                        PQconsumeInput(handle) != 0
                    else {
                        isBroken = true
                        return .noAnswer
                    }
                }
                guard let result = PQgetResult(handle) else { break }
                defer { PQclear(result) }
                if sawError { continue }
                switch PQresultStatus(result) {
                case PGRES_TUPLES_OK: reply = .rows(PostgresConnection.rows(of: result))
                case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY: reply = .rows([])
                default:
                    sawError = true
                    if let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))) {
                        let message = PQresultErrorMessage(result).map { String(cString: $0) } ?? ""
                        reply = .failed(sqlState: String(cString: state), message: PostgresConnection.trimmed(message))
                    } else {
                        // An error made by libpq itself (no SQLSTATE): the connection failed under us.
                        isBroken = true
                        reply = .noAnswer
                    }
                }
                if PQstatus(handle) != CONNECTION_OK { break }
            }
            if PQstatus(handle) != CONNECTION_OK {
                isBroken = true
                if case .rows = reply { return .noAnswer }
            }
            return reply
        }

        private var errorMessage: String {
            PostgresConnection.trimmed(PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown libpq error")
        }

        private static func rows(of result: OpaquePointer) -> [[String?]] {
            let rowCount = PQntuples(result)
            let columnCount = PQnfields(result)
            var rows: [[String?]] = []
            rows.reserveCapacity(Int(rowCount))
            for row in 0..<rowCount {
                var values: [String?] = []
                values.reserveCapacity(Int(columnCount))
                for column in 0..<columnCount {
                    if PQgetisnull(result, row, column) != 0 {
                        values.append(nil)
                    } else {
                        values.append(String(cString: PQgetvalue(result, row, column)))
                    }
                }
                rows.append(values)
            }
            return rows
        }

        /// libpq's messages end in a newline and may span lines; one line is what a log wants.
        static func trimmed(_ message: String) -> String {
            message.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { String($0) }.joined(separator: " ")
        }

        /// `poll()` on one descriptor until it is ready or the deadline passes (ATMSystem retries EINTR).
        static func waitForSocket(
            _ socket: Int32, events: FileDescriptor.Readiness, until deadline: PostgresDeadline
        ) -> Bool {
            guard socket >= 0 else { return false }
            return (try? FileDescriptor(rawValue: socket).wait(for: events, until: deadline.systemDeadline)) ?? false
        }
    }

    /// Calls `body` with NUL-terminated copies of `strings` (nil stays a NULL, SQL's NULL for a parameter).
    func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { string in
            string.map { text in
                let bytes = text.utf8CString
                let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
                copy.initialize(from: Array(bytes), count: bytes.count)
                return copy
            }
        }
        defer { for copy in copies { copy?.deallocate() } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
#endif
