import ATMSystem
import CPosix

/// One descriptor held in reserve, so that a server out of descriptors (EMFILE) can still accept
/// one waiting connection to refuse it cleanly, instead of leaving it in the backlog or spinning.
///
/// Only the accepting thread uses it, so the descriptor freed is the one reused.
public struct SpareDescriptor: ~Copyable {
    /// `nil` while the spare could not be reopened (the process is out of descriptors); retried on use.
    private var held: FileDescriptor?

    /// Opens `/dev/null` as the spare.
    public init() {
        held = Self.open()
    }

    deinit {
        held?.close()
    }

    /// Frees the spare for `body` (which may open one descriptor), then takes it back.
    public mutating func whileReleased(_ body: () -> Void) {
        held?.close()
        held = nil
        body()
        held = Self.open()
    }

    private static func open() -> FileDescriptor? {
        let raw = cposix_open("/dev/null", O_RDONLY | O_CLOEXEC)
        return raw >= 0 ? FileDescriptor(rawValue: raw) : nil
    }
}
