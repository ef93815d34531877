import CPosix

/// Process-wide signal dispositions.
public enum Signals {
    /// Makes writes to a closed peer fail with EPIPE instead of killing the process.
    public static func ignoreBrokenPipe() {
        _ = cposix_ignore_signal(SIGPIPE)
    }
}

/// The signals a long-lived process waits for without racing them: kept blocked, recorded by a handler
/// that does nothing else, and let in only inside ``wait(for:milliseconds:)`` (ppoll), so one that comes
/// between two checks is never lost.
public enum SignalWatch {
    /// A signal the pool waits for.
    public enum Signal: Sendable, CaseIterable {
        case terminate, interrupt, childEnded

        var number: Int32 {
            switch self {
            case .terminate: SIGTERM
            case .interrupt: SIGINT
            case .childEnded: SIGCHLD
            }
        }
    }

    /// Blocks the three signals and records their arrivals from now on.
    public static func start() {
        _ = cposix_block_signals(1, SIGTERM, SIGINT, SIGCHLD)
        for signal in Signal.allCases { _ = cposix_record_signal(signal.number) }
    }

    /// Undoes ``start()`` in a forked child: default actions, nothing blocked; SIGTERM stays recorded when
    /// `recordingTermination`, so a blocking call it interrupts returns EINTR instead of the process dying.
    public static func stopInChild(recordingTermination: Bool) {
        _ = cposix_default_signal(SIGINT)
        _ = cposix_default_signal(SIGCHLD)
        if recordingTermination {
            _ = cposix_take_signal(SIGTERM)
        } else {
            _ = cposix_default_signal(SIGTERM)
        }
        _ = cposix_block_signals(0, SIGTERM, SIGINT, SIGCHLD)
    }

    /// Ignores SIGTERM from now on: a child serving a connection finishes it under its own deadlines.
    public static func ignoreTermination() {
        _ = cposix_ignore_signal(SIGTERM)
    }

    /// Whether `signal` arrived since the last time this was asked.
    public static func take(_ signal: Signal) -> Bool {
        cposix_take_signal(signal.number) != 0
    }

    /// Waits until `descriptor` is readable, a watched signal arrives, or `milliseconds` pass (nil: no limit).
    public static func wait(for descriptor: FileDescriptor, milliseconds: Int?) {
        var entry = pollfd(fd: descriptor.rawValue, events: Int16(POLLIN), revents: 0)
        _ = cposix_poll_unblocked(&entry, 1, milliseconds.map { Int32(clamping: $0) } ?? -1)
    }
}
