import Foundation

/// Which store the suite's daemons use: `ATM_TEST_STORE=postgresql` (with `ATM_TEST_PG_URI`, from
/// scripts/with-postgres) gives every `StateDaemon` a fresh database of its own on that cluster; unset, memory.
enum TestStore {
    static let isPostgreSQL = ProcessInfo.processInfo.environment["ATM_TEST_STORE"] == "postgresql"

    /// The cluster's maintenance URI (`postgresql:///postgres?host=…`).
    static var clusterURI: String? { ProcessInfo.processInfo.environment["ATM_TEST_PG_URI"] }

    /// PostgreSQL's client programs (createdb, psql).
    static let binaries = ProcessInfo.processInfo.environment["ATM_PG_BIN"] ?? "/usr/lib/postgresql/15/bin"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}

/// One database on the test cluster, created empty; its URI is what `ATM_STATED_STORE` takes.
struct TestDatabase: Sendable {
    let name: String
    let uri: String

    /// A new, empty database on the cluster `clusterURI` names (default: the suite's).
    init(on clusterURI: String? = TestStore.clusterURI) throws {
        guard let clusterURI, let query = clusterURI.split(separator: "?", maxSplits: 1).last,
            clusterURI.contains("?")
        else { throw TestStore.Failure(description: "ATM_TEST_STORE=postgresql needs ATM_TEST_PG_URI") }
        name = "atm_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        uri = "postgresql:///\(name)?\(query)"
        let run = try runProgram(TestStore.binaries + "/createdb", ["--maintenance-db=\(clusterURI)", name])
        guard run.status == 0 else { throw TestStore.Failure(description: "createdb failed: \(run.errors)") }
    }

    /// Runs one SQL statement with psql and returns its unaligned, tuples-only output, trimmed.
    func query(_ sql: String) throws -> String {
        let run = try runProgram(
            TestStore.binaries + "/psql", [uri, "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard run.status == 0 else { throw TestStore.Failure(description: "psql failed: \(run.errors)") }
        return String(decoding: run.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Runs a program to completion (30 s at most) and collects what it wrote.
func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: [UInt8], errors: String) {
    let child = try Spawned(path, arguments, environment: ProcessInfo.processInfo.environment)
    let status = child.wait(timeout: 30) ?? -1
    return (status, child.standardOutput, child.standardError)
}
