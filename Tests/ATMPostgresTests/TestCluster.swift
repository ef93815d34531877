#if PostgreSQL
    import ATMPostgres
    import CLibpq
    import Glibc
    import Synchronization

    /// A throwaway PostgreSQL cluster: `initdb` into a template shared by the clusters being made at once, copied for each,
    /// started with `pg_ctl` on a Unix socket in a private directory (no TCP port at all), removed by `destroy`.
    ///
    /// PostgreSQL refuses to run as root, so as root the server runs as the system user `atm-test` (created if
    /// missing) through `runuser`; as anyone else it runs as that user.
    final class TestCluster: @unchecked Sendable {
        static let binaries = "/usr/lib/postgresql/15/bin"
        static let serverUser = "atm-test"
        let directory: String

        /// A started cluster, freshly copied from the template.
        init() throws(ClusterError) {
            let template = try TestCluster.acquireTemplate()
            defer { TestCluster.releaseTemplate() }
            directory = try TestCluster.makeDirectory()
            try TestCluster.asServerUser(["cp", "-a", template + "/data", directory + "/data"])
            try start()
        }

        /// The URI a ledger uses: the `postgres` database over this cluster's socket.
        var uri: String { "postgresql:///postgres?host=\(directory)&port=5432&user=postgres" }

        func start() throws(ClusterError) {
            try TestCluster.asServerUser([
                TestCluster.binaries + "/pg_ctl", "-D", directory + "/data", "-l", directory + "/log", "-w", "-s",
                "-o", "-k \(directory) -c listen_addresses= -p 5432 -c fsync=off -c max_connections=200",
                "start",
            ])
        }

        func stop() throws(ClusterError) {
            try TestCluster.asServerUser([
                TestCluster.binaries + "/pg_ctl", "-D", directory + "/data", "-m", "fast", "-w", "-s", "stop",
            ])
        }

        /// Stops the server (if running) and removes the directory.
        func destroy() {
            _ = try? TestCluster.asServerUser([
                TestCluster.binaries + "/pg_ctl", "-D", directory + "/data", "-m", "immediate", "-w", "-s", "stop",
            ])
            _ = try? TestCluster.run(["/bin/rm", "-rf", directory])
        }

        /// Runs SQL on its own connection and returns the first column of each row (for checks and setup).
        func query(_ sql: String, _ parameters: [String] = []) -> [String?] {
            guard let connection = PQconnectdb("host=\(directory) port=5432 user=postgres dbname=postgres") else {
                return []
            }
            defer { PQfinish(connection) }
            let copies = parameters.map { strdup($0) }
            defer { for copy in copies { free(copy) } }
            let values: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
            guard let result = PQexecParams(connection, sql, Int32(values.count), nil, values, nil, nil, 0) else {
                return []
            }
            defer { PQclear(result) }
            return (0..<PQntuples(result)).map { row in
                PQgetisnull(result, row, 0) != 0 ? nil : String(cString: PQgetvalue(result, row, 0))
            }
        }

        /// A ledger on this cluster.
        func openLedger(
            poolSize: Int = 4, maximumBalanceCents: Int64 = .max, largestBatch: Int = 64, batchesInFlight: Int = 1,
            audit: (@Sendable (String) -> Void)? = nil, log: (@Sendable (String) -> Void)? = nil
        ) throws(PostgresFailure) -> PostgresLedger {
            try PostgresLedger.open(
                PostgresConfiguration(
                    uri: uri, poolSize: poolSize, maximumBalanceCents: maximumBalanceCents, largestBatch: largestBatch,
                    batchesInFlight: batchesInFlight, audit: audit, log: log))
        }

        enum ClusterError: Error, CustomStringConvertible {
            case commandFailed([String], Int32)
            case noTemporaryDirectory

            var description: String {
                switch self {
                case .commandFailed(let argv, let status): "\(argv.joined(separator: " ")) exited \(status)"
                case .noTemporaryDirectory: "mkdtemp failed"
                }
            }
        }

        /// The template, made by the first cluster being made and removed when none is (the test process does not
        /// run `atexit` handlers, so nothing else would remove it): its directory and the clusters copying it.
        private static let template = Mutex<(directory: String?, users: Int)>((nil, 0))

        /// The template's directory, initdb'd if no live cluster holds it; pair with `releaseTemplate`.
        private static func acquireTemplate() throws(ClusterError) -> String {
            try template.withLock { state throws(ClusterError) -> String in
                if let directory = state.directory {
                    state.users += 1
                    return directory
                }
                if getuid() == 0 && getpwnam(serverUser) == nil {
                    try run([
                        "/usr/sbin/useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", serverUser,
                    ])
                }
                let directory = try makeDirectory()
                do throws(ClusterError) {
                    try asServerUser([
                        binaries + "/initdb", "-D", directory + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8",
                        "--locale=C", "--no-sync", "--no-instructions",
                    ])
                } catch {
                    _ = try? run(["/bin/rm", "-rf", directory])
                    throw error
                }
                state = (directory, 1)
                return directory
            }
        }

        private static func releaseTemplate() {
            template.withLock { state in
                state.users -= 1
                if state.users == 0, let directory = state.directory {
                    _ = try? run(["/bin/rm", "-rf", directory])
                    state.directory = nil
                }
            }
        }

        private static func makeDirectory() throws(ClusterError) -> String {
            var pattern = Array("/tmp/atm-pg-XXXXXX".utf8CString)
            guard let made = mkdtemp(&pattern) else { throw .noTemporaryDirectory }
            let path = String(cString: made)
            if getuid() == 0, let user = getpwnam(serverUser) {
                chown(path, user.pointee.pw_uid, user.pointee.pw_gid)
            }
            return path
        }

        private static func asServerUser(_ argv: [String]) throws(ClusterError) {
            try run(getuid() == 0 ? ["/usr/sbin/runuser", "-u", serverUser, "--"] + argv : argv)
        }

        /// posix_spawn and wait; stdout goes to /dev/null, stderr stays for diagnosis.
        private static func run(_ argv: [String]) throws(ClusterError) {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            let copies = argv.map { strdup($0) }
            defer { for copy in copies { free(copy) } }
            var pid: pid_t = 0
            let spawned = posix_spawn(&pid, argv[0], &actions, nil, copies + [nil], environ)
            guard spawned == 0 else { throw .commandFailed(argv, -1) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let exitStatus = (status >> 8) & 0xff
            guard status & 0x7f == 0, exitStatus == 0 else { throw .commandFailed(argv, status) }
        }
    }

    /// Runs `body(i)` on `count` threads at once and waits for all: the ledger blocks, so the cooperative pool's
    /// few threads would not make it concurrent.
    func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        final class Work: @unchecked Sendable {
            let index: Int
            let body: @Sendable (Int) -> Void
            init(_ index: Int, _ body: @escaping @Sendable (Int) -> Void) {
                self.index = index
                self.body = body
            }
        }
        var threads: [pthread_t] = []
        for index in 0..<count {
            var thread = pthread_t()
            let work = Unmanaged.passRetained(Work(index, body)).toOpaque()
            let created = pthread_create(
                &thread, nil,
                { raw in
                    let work = Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue()
                    work.body(work.index)
                    return nil
                }, work)
            precondition(created == 0, "pthread_create failed")
            threads.append(thread)
        }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// Milliseconds to sleep, for the tests that let time pass.
    func sleep(milliseconds: Int) {
        var spec = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var left = timespec()
        while nanosleep(&spec, &left) != 0 && errno == EINTR { spec = left }
    }
#endif
