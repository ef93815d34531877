import Foundation

/// Where the built `atm-stated` and `atm-handler` are: `ATM_BIN_DIR`, else beside the test bundle.
enum Binaries {
    static let directory: URL = {
        if let explicit = ProcessInfo.processInfo.environment["ATM_BIN_DIR"] {
            return URL(fileURLWithPath: explicit)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("atm-handler").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug")
    }()

    static var stated: String { directory.appendingPathComponent("atm-stated").path }
    static var handler: String { directory.appendingPathComponent("atm-handler").path }

    /// The repository root, for fixtures and scripts.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A new, empty directory under /tmp with a short path (socket paths are limited to 107 bytes).
    static func temporaryDirectory() -> URL {
        let url = URL(fileURLWithPath: "/tmp/atm-test-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Whether a program is on PATH.
    static func which(_ program: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        for directory in ["/usr/sbin", "/sbin", "/usr/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(directory)/\(program)") {
            return "\(directory)/\(program)"
        }
        return nil
    }
}
