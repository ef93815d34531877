import ATMCore
import ATMDaemonSystem
import ATMSystem
import Synchronization

/// The daemon's accept loop: one thread per client, a cap on how many, and an orderly stop.
///
/// Threads are reused: a thread whose client left waits briefly for the next accepted one
/// (``SessionThreads``), so a client that connects for each command costs no thread creation.
public final class StateServer: Sendable {
    private let backend: ProtocolEdge
    private let configuration: DaemonConfiguration
    private let access: AccessControl
    private let activeClients = Atomic<Int>(0)
    private let metrics: MetricsRegistry
    private let threads = SessionThreads()

    /// A server for `backend`; `metrics` counts what its sessions do and answers `METRICS`; `access` checks
    /// every client and command.
    public init(
        store: any LedgerStore, configuration: DaemonConfiguration, metrics: MetricsRegistry,
        access: AccessControl = .open()
    ) {
        backend = ProtocolEdge(store: store)
        self.configuration = configuration
        self.metrics = metrics
        self.access = access
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight commands finish and returns.
    ///
    /// Clients between commands are disconnected at once; waits at most `drainMilliseconds` for the rest.
    public func serve(
        on listener: borrowing ListeningSocket,
        signals: borrowing TerminationSignals,
        drainMilliseconds: Int = 5_000
    ) throws(Errno) {
        let stop = try StopSignal()
        var spare = SpareDescriptor()
        var lastComplaint = Deadline(nanoseconds: 0)
        while true {
            let ready = try FileDescriptor.poll([listener.descriptor, signals.descriptor], for: .readable, until: nil)
            if ready.contains(1), signals.take() != nil { break }
            guard ready.contains(0) else { continue }
            do {
                while let client = try listener.accept(nonBlocking: true) {
                    admit(client, stop: stop.readEnd)
                }
            } catch {
                // Never let an accept failure end the daemon: it holds every balance.
                if error.isDescriptorExhaustion {
                    spare.whileReleased {
                        if let client = try? listener.accept() { refuseBusy(Connection(adopting: client)) }
                    }
                }
                if lastComplaint.hasPassed {
                    StandardError.write("atm-stated: accept failed: \(error); still serving")
                    lastComplaint = .after(milliseconds: 1_000)
                }
                _ = try? FileDescriptor.poll([], for: .readable, until: .after(milliseconds: 5))
            }
        }
        stop.fire()
        let drainDeadline = Deadline.after(milliseconds: drainMilliseconds)
        while activeClients.load(ordering: .acquiring) > 0 && !drainDeadline.hasPassed {
            _ = try? FileDescriptor.poll([], for: .readable, until: .after(milliseconds: 10))
        }
        if activeClients.load(ordering: .acquiring) == 0 { stop.close() }
    }

    /// Hands `client` to an idle session thread or a new one, or refuses it when the cap is reached;
    /// the descriptor (already non-blocking) is owned from here on.
    private func admit(_ client: FileDescriptor, stop: FileDescriptor) {
        let admitted = activeClients.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        guard admitted <= configuration.maximumClients else {
            activeClients.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            refuseBusy(Connection(adopting: client))
            return
        }
        guard let peer = try? client.peerCredentials(), access.admit(peer) else {
            activeClients.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            refuseBusy(Connection(adopting: client), "ERR busy too many connections from this uid; try again shortly\n")
            return
        }
        if threads.handOff(AcceptedClient(descriptor: client, peer: peer)) { return }
        do {
            try Threads.detach { [self] in
                var next: AcceptedClient? = AcceptedClient(descriptor: client, peer: peer)
                while let accepted = next {
                    let peer = accepted.peer
                    let session = ClientSession(
                        connection: Connection(adopting: accepted.descriptor), backend: backend, metrics: metrics,
                        access: access,
                        peer: peer,
                        idleTimeoutMilliseconds: configuration.idleTimeoutMilliseconds, stopSignal: stop)
                    session.run()
                    access.release(peer)
                    activeClients.wrappingSubtract(1, ordering: .acquiringAndReleasing)
                    next = threads.awaitNext()
                }
            }
        } catch {
            access.release(peer)
            activeClients.wrappingSubtract(1, ordering: .acquiringAndReleasing)
            refuseBusy(Connection(adopting: client))
        }
    }

    private func refuseBusy(
        _ connection: consuming Connection, _ reply: String = "ERR busy too many clients; try again shortly\n"
    ) {
        metrics.countBusyRefusal()
        try? connection.descriptor.writeAll(Array(reply.utf8), until: .after(milliseconds: 10))
    }
}
