import CPosix

/// A failed system call's `errno`, typed so callers can match the few they handle.
public struct Errno: Error, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The calling thread's current `errno`.
    package static var current: Errno { Errno(rawValue: cposix_errno()) }

    public static let interrupted = Errno(rawValue: EINTR)
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    public static let inProgress = Errno(rawValue: EINPROGRESS)
    public static let noSuchFile = Errno(rawValue: ENOENT)
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    public static let badDescriptor = Errno(rawValue: EBADF)

    /// EMFILE or ENFILE: no descriptor left for this process or the system.
    public var isDescriptorExhaustion: Bool { rawValue == EMFILE || rawValue == ENFILE }

    public var description: String {
        guard let text = strerror(rawValue) else { return "errno \(rawValue)" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
    }
}

/// Runs a system call that returns -1 and sets `errno` on failure, retrying on EINTR.
///
/// The one place where interrupted calls are retried; `close` must not come through here
/// (on Linux the descriptor is gone even when it reports EINTR).
@inline(__always)
package func retryingInterrupts<Result: FixedWidthInteger>(_ call: () -> Result) throws(Errno) -> Result {
    while true {
        let result = call()
        if result != -1 { return result }
        let error = Errno.current
        if error != .interrupted { throw error }
    }
}
