import Foundation
import Glibc
import Testing

/// PRELOAD_ACCOUNTS and PRELOAD_ACCOUNTS_FILE are two ways to say one thing: both at once is refused.
@Suite struct PreloadSourceTests {
    @Test func bothPreloadVariablesAtOnceExitSeventyEightWithOneLineNamingBoth() throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("accounts.json")
        try #"{"9":"9.00"}"#.write(to: file, atomically: true, encoding: .utf8)
        let socket = directory.appendingPathComponent("s.sock").path
        let child = try ChildProcess(
            Binaries.stated, ["--socket", socket],
            environment: ["PRELOAD_ACCOUNTS": #"{"1":"1.00"}"#, "PRELOAD_ACCOUNTS_FILE": file.path])
        #expect(child.wait() == 78)
        let lines = child.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("PRELOAD_ACCOUNTS and PRELOAD_ACCOUNTS_FILE") == true)
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test func theFileAloneIsUsedAndOneAccountIsSaidInTheSingular() throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("accounts.json")
        try #"{"9":"9.00"}"#.write(to: file, atomically: true, encoding: .utf8)
        let socket = directory.appendingPathComponent("s.sock").path
        let child = try ChildProcess(
            Binaries.stated, ["--socket", socket], environment: ["PRELOAD_ACCOUNTS_FILE": file.path])
        for _ in 0..<500 where !child.standardError.contains(" on ") { usleep(10_000) }
        #expect(child.standardError.contains("atm-stated: serving 1 account on \(socket)"))
        #expect(TestSocket.unix(socket)?.ask("LIST") == "OK 1 9")
        child.signal(SIGTERM)
        #expect(child.wait() == 0)
    }
}
