/// How a process ends, as sysexits(3) spells it, so the statuses the README promises live in one place.
public struct ExitStatus: Sendable, Hashable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// 0: done, including after any complete HTTP response.
    public static let success = ExitStatus(rawValue: 0)
    /// 64 (EX_USAGE): a bad command line.
    public static let usage = ExitStatus(rawValue: 64)
    /// 65 (EX_DATAERR): input data that cannot be used, such as a malformed preload file.
    public static let dataError = ExitStatus(rawValue: 65)
    /// 69 (EX_UNAVAILABLE): a needed service is unavailable, such as a socket another daemon serves.
    public static let unavailable = ExitStatus(rawValue: 69)
    /// 71 (EX_OSERR): a system call failed.
    public static let systemError = ExitStatus(rawValue: 71)
    /// 73 (EX_CANTCREAT): a file cannot be created, such as a socket path taken by something else.
    public static let cannotCreate = ExitStatus(rawValue: 73)
    /// 78 (EX_CONFIG): a setting is invalid.
    public static let configuration = ExitStatus(rawValue: 78)
}
