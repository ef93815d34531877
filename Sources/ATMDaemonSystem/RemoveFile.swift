import ATMSystem
import CPosix

/// Removes a file; errors are ignored because the caller only tidies up.
public func removeFile(_ path: String) {
    _ = unlink(path)
}
