import ATMSystem
import CPosix

/// Detached OS threads for work that blocks in system calls (one per daemon client).
public enum Threads {
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts `body` on a new detached thread with a stack of `stackSize` bytes; fails (EINVAL) for a
    /// stack below the system's minimum, as for want of resources (EAGAIN).
    public static func detach(stackSize: Int = 256 * 1024, _ body: @escaping @Sendable () -> Void) throws(Errno) {
        let context = Unmanaged.passRetained(Work(body)).toOpaque()
        let result = cposix_start_detached_thread(
            { context in
                Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context, stackSize)
        if result != 0 {
            Unmanaged<Work>.fromOpaque(context).release()
            throw Errno(rawValue: result)
        }
    }
}
