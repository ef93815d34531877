import ATMDaemon
import ATMDaemonSystem
import ATMJournal
import ATMLedger
import ATMSystem

/// atm-stated: owns every balance; see `atm-stated --help` and docs/protocol.md.
func fail(_ failure: DaemonConfiguration.Failure) -> Never {
    StandardError.write("atm-stated: \(failure.message)")
    CurrentProcess.exit(failure.status)
}

Signals.ignoreBrokenPipe()
ResourceLimits.raiseOpenFileLimit()
do throws(DaemonConfiguration.Failure) {
    let (configuration, action) = try DaemonConfiguration.parse(Array(CommandLine.arguments.dropFirst()))
    switch action {
    case .showHelp:
        print(DaemonManual.manual.helpText, terminator: "")
        CurrentProcess.exit(.success)
    case .showVersion:
        print(DaemonManual.manual.versionLine)
        CurrentProcess.exit(.success)
    case .showManual:
        print(DaemonManual.manual.manPage, terminator: "")
        CurrentProcess.exit(.success)
    case .serve: break
    }
    var journal: Journal? = nil
    var journalled: JournalledLedger? = nil
    let chosen = try BackendSetup.make(configuration) { () throws(DaemonConfiguration.Failure) -> Ledger in
        guard let path = configuration.journalPath else {
            return LedgerSetup.memory(configuration, accounts: try DaemonConfiguration.preloadAccounts())
        }
        let opened = try LedgerSetup.journalled(
            configuration, path: path, storage: FileStorage(directoryOf: path),
            accounts: DaemonConfiguration.preloadAccounts, log: { StandardError.write("atm-stated: \($0)") })
        let ledger = opened.ledger
        journal = opened.journal
        journalled = consume opened
        return ledger
    }
    guard let signals = try? TerminationSignals() else {
        throw .init(message: "cannot set up signal handling", status: .systemError)
    }
    let access = try AccessSettings.make(maximumClients: configuration.maximumClients)
    let listener = try SocketSetup.listen(configuration)
    let place = listener.ownedPath ?? "the socket passed by systemd"
    StandardError.write("atm-stated: serving \(chosen.summary) on \(place)")
    StandardError.write("atm-stated: \(access.summary)")
    Systemd.notifyReady()
    var journalStatistics: (@Sendable () -> JournalStatistics)? = nil
    if let journal { journalStatistics = { journal.statistics() } }
    let metrics = MetricsRegistry(accounts: chosen.accountCount, journal: journalStatistics)
    let server = StateServer(
        store: chosen.store, configuration: configuration, metrics: metrics,
        access: access)
    do {
        try server.serve(on: listener, signals: signals)
    } catch {
        listener.removeSocketFile()
        throw .init(message: "stopped serving: \(error)", status: .systemError)
    }
    listener.removeSocketFile()
    withExtendedLifetime(journalled) {}  // the journal's lock is held until the last change is answered
    StandardError.write("atm-stated: stopped")
    CurrentProcess.exit(.success)
} catch {
    fail(error)
}
