import ATMCore
import ATMJournal
import ATMProtocol
import Synchronization

/// Everything `GET /metrics` reports, counted inside atm-stated, the one long-lived process.
///
/// Handlers live for one connection, so they tell the daemon how each response went (`REPORT`,
/// docs/protocol.md) and the daemon counts it here, next to what it counts itself: operations by
/// kind and outcome with their latency, connected clients, busy refusals and idempotent replays.
/// The account count and the journal's figures are read from closures when the text is written,
/// so whoever owns those hands them over in one line. No label ever carries an account number.
public final class MetricsRegistry: Sendable {
    /// Upper bounds of the operation latency histogram, in seconds.
    static let latencyBounds: [Double] = [
        0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5,
    ]

    /// Counters by index: one per (kind, outcome), per (kind, latency bucket), per kind for the
    /// latency sum in nanoseconds, and per (route, status). No lock: see ``AtomicCounters``.
    private let operations = AtomicCounters(count: OperationKind.allCases.count * OperationOutcome.all.count)
    private let latencyCounts = AtomicCounters(count: OperationKind.allCases.count * (latencyBounds.count + 1))
    private let latencyNanoseconds = AtomicCounters(count: OperationKind.allCases.count)
    private static let routes = ReportedRoute.allCases
    private let responses = AtomicCounters(
        count: ReportedRoute.allCases.count * ReportedRoute.reportableStatuses.count)
    private let busyRefusals = Atomic<UInt64>(0)
    private let replays = Atomic<UInt64>(0)
    private let droppedReports = Atomic<UInt64>(0)
    private let clients = Atomic<Int>(0)
    private let accounts: @Sendable () -> Int
    private let journal: (@Sendable () -> JournalStatistics)?

    /// A registry that reads the account count from `accounts` and, with a journal, its figures
    /// from `journal` (`{ journal.statistics() }`).
    public init(
        accounts: @escaping @Sendable () -> Int, journal: (@Sendable () -> JournalStatistics)? = nil
    ) {
        self.accounts = accounts
        self.journal = journal
    }

    /// A client connected (a session started).
    func clientConnected() { clients.wrappingAdd(1, ordering: .relaxed) }

    /// A client's session ended.
    func clientDisconnected() { clients.wrappingSubtract(1, ordering: .relaxed) }

    /// A client was refused with `ERR busy` (too many clients, or no thread for it).
    func countBusyRefusal() { busyRefusals.wrappingAdd(1, ordering: .relaxed) }

    /// A handler answered a request on `route` with `status`; a status REPORT cannot carry is not counted.
    func countResponse(_ route: ReportedRoute, status: Int) {
        guard let statusIndex = ReportedRoute.reportableStatuses.firstIndex(of: status),
            let routeIndex = Self.routes.firstIndex(of: route)
        else { return }
        responses.add(routeIndex * ReportedRoute.reportableStatuses.count + statusIndex)
    }

    /// A REPORT line that was malformed and dropped unanswered.
    func countDroppedReport() { droppedReports.wrappingAdd(1, ordering: .relaxed) }

    /// One command carried out, how it went, and how long it took.
    func countOperation(_ kind: OperationKind, _ outcome: OperationOutcome, seconds: Double) {
        let bucket = Self.latencyBounds.firstIndex { seconds <= $0 } ?? Self.latencyBounds.count
        let kindIndex = kind.index
        operations.add(kindIndex * OperationOutcome.all.count + outcome.index)
        if outcome == .replayed { replays.wrappingAdd(1, ordering: .relaxed) }
        latencyCounts.add(kindIndex * (Self.latencyBounds.count + 1) + bucket)
        // A negative or absurd duration (a clock step) adds nothing rather than trapping.
        let nanoseconds = seconds * 1e9
        latencyNanoseconds.add(kindIndex, nanoseconds > 0 && nanoseconds < 1e15 ? UInt64(nanoseconds) : 0)
    }

    /// The Prometheus text exposition of everything counted so far.
    public func text() -> [UInt8] {
        var out = PrometheusText()
        out.family(
            "atm_http_responses_total", .counter, help: "HTTP responses written by atm-handler, by route and status.")
        let statuses = ReportedRoute.reportableStatuses
        for (routeIndex, route) in Self.routes.enumerated() {
            for (statusIndex, status) in statuses.enumerated() {
                let count = responses[routeIndex * statuses.count + statusIndex]
                guard count > 0 else { continue }
                out.sample("atm_http_responses_total", [("route", route.rawValue), ("status", String(status))], count)
            }
        }
        out.family(
            "atm_daemon_operations_total", .counter, help: "Commands atm-stated carried out, by kind and outcome.")
        let outcomes = OperationOutcome.all.sorted()
        for kind in OperationKind.allCases.sorted() {
            for outcome in outcomes {
                let count = operations[kind.index * OperationOutcome.all.count + outcome.index]
                guard count > 0 else { continue }
                out.sample(
                    "atm_daemon_operations_total", [("kind", kind.rawValue), ("outcome", outcome.label)], count)
            }
        }
        out.family(
            "atm_daemon_operation_duration_seconds", .histogram,
            help: "Time atm-stated took to carry out a command, from its decoded line to its reply.")
        let buckets = Self.latencyBounds.count + 1
        for kind in OperationKind.allCases.sorted() {
            let counts = (0..<buckets).map { latencyCounts[kind.index * buckets + $0] }
            guard counts.contains(where: { $0 > 0 }) else { continue }
            out.histogram(
                "atm_daemon_operation_duration_seconds", [("kind", kind.rawValue)], upperBounds: Self.latencyBounds,
                counts: counts, sum: Double(latencyNanoseconds[kind.index]) / 1e9)
        }
        out.family("atm_accounts", .gauge, help: "Accounts atm-stated holds.")
        out.sample("atm_accounts", UInt64(max(0, accounts())))
        out.family("atm_daemon_clients", .gauge, help: "Clients connected to atm-stated now.")
        out.sample("atm_daemon_clients", UInt64(max(0, clients.load(ordering: .relaxed))))
        out.family(
            "atm_daemon_busy_refusals_total", .counter, help: "Clients refused with ERR busy (too many connected).")
        out.sample("atm_daemon_busy_refusals_total", busyRefusals.load(ordering: .relaxed))
        out.family(
            "atm_idempotent_replays_total", .counter,
            help: "Requests answered with the stored outcome of an earlier one with the same Idempotency-Key.")
        out.sample("atm_idempotent_replays_total", replays.load(ordering: .relaxed))
        out.family("atm_daemon_dropped_reports_total", .counter, help: "Malformed REPORT lines, dropped uncounted.")
        out.sample("atm_daemon_dropped_reports_total", droppedReports.load(ordering: .relaxed))
        if let statistics = journal?() { Self.write(statistics, to: &out) }
        return Array(out.text.utf8)
    }

    private static func write(_ statistics: JournalStatistics, to out: inout PrometheusText) {
        out.family(
            "atm_journal_fsync_duration_seconds", .histogram,
            help: "Time one group commit took to write and fdatasync its batch.")
        let sync = statistics.syncSeconds
        out.histogram(
            "atm_journal_fsync_duration_seconds", upperBounds: sync.upperBounds, counts: sync.counts, sum: sync.sum)
        out.family("atm_journal_records_per_fsync", .histogram, help: "Records made durable by one fdatasync.")
        let batch = statistics.recordsPerSync
        out.histogram(
            "atm_journal_records_per_fsync", upperBounds: batch.upperBounds, counts: batch.counts, sum: batch.sum)
        out.family("atm_journal_records_total", .counter, help: "Records made durable since atm-stated started.")
        out.sample("atm_journal_records_total", statistics.recordsWritten)
        out.family("atm_journal_fsyncs_total", .counter, help: "fdatasync calls that covered records.")
        out.sample("atm_journal_fsyncs_total", statistics.syncs)
        out.family("atm_journal_bytes", .gauge, help: "Size of the live journal file in bytes.")
        out.sample("atm_journal_bytes", UInt64(max(0, statistics.journalBytes)))
        out.family("atm_journal_compactions_total", .counter, help: "Snapshots written since atm-stated started.")
        out.sample("atm_journal_compactions_total", statistics.compactions)
    }
}
