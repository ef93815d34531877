import CPosix

/// The running process as a whole.
public enum CurrentProcess {
    /// Ends the process at once with `status`, without running anything else.
    public static func exit(_ status: ExitStatus) -> Never {
        CPosix.exit(status.rawValue)
    }

    /// The command line after the program's name. Embedded Swift has no `CommandLine`; there the C
    /// `main` (embedded/main.c) hands the arguments over through CPosix.
    public static var arguments: [String] {
        #if hasFeature(Embedded)
            let count = Int(cposix_argument_count())
            guard count > 1 else { return [] }
            return (1..<count).map { String(cString: cposix_argument(Int32($0))) }
        #else
            return Array(CommandLine.arguments.dropFirst())
        #endif
    }

    /// Whether the command line has any argument after the program's name, without building them.
    public static var hasArguments: Bool {
        #if hasFeature(Embedded)
            cposix_argument_count() > 1
        #else
            CommandLine.argc > 1
        #endif
    }
}
