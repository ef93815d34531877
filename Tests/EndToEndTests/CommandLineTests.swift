import Foundation
import Testing

/// `--help`, `--version`, `--man` and a bad argument, on the shipped binaries: the help is pinned byte for
/// byte (Tests/EndToEndTests/Manuals), the manual page renders without a warning, an unknown flag is 64.
@Suite struct CommandLineTests {
    static let manuals = Binaries.repository.appendingPathComponent("Tests/EndToEndTests/Manuals")
    static let programs = ["atm-stated", "atm-handler"]

    private struct Run {
        let status: Int32?
        let output: String
        let errors: String
    }

    private func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let binary = Binaries.directory.appendingPathComponent(program).path
        let child = try Spawned(
            binary, arguments, environment: environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a })
        let status = child.wait()
        return Run(
            status: status, output: String(decoding: child.standardOutput, as: UTF8.self), errors: child.standardError)
    }

    @Test(arguments: programs) func helpListsEverySettingAsPinned(program: String) throws {
        let help = try run(program, ["--help"])
        #expect(help.status == 0)
        #expect(help.errors.isEmpty)
        let pinned = try String(contentsOf: Self.manuals.appendingPathComponent("\(program).help"), encoding: .utf8)
        #expect(
            help.output == pinned,
            "the help changed; if on purpose: \(program) --help > Tests/EndToEndTests/Manuals/\(program).help")
    }

    @Test func versionNamesTheReleaseAndTheBuild() throws {
        let stated = try run("atm-stated", ["--version"])
        #expect(stated.status == 0)
        #expect(stated.output.hasPrefix("atm-stated 1.1.0 (stores: memory"), "\(stated.output)")
        let handler = try run("atm-handler", ["--version"])
        #expect(handler.status == 0)
        // The shipped handler is the Embedded one (scripts/test, ATM_BIN_DIR).
        #expect(handler.output == "atm-handler 1.1.0 (Embedded Swift, musl, static)\n")
    }

    @Test(arguments: programs) func theManualPageRendersWithoutWarnings(program: String) throws {
        let page = try run(program, ["--man"])
        #expect(page.status == 0)
        #expect(page.output.hasPrefix(".TH \(program.uppercased().replacingOccurrences(of: "-", with: "\\-")) 8 "))
        let groff = try #require(Binaries.which("groff"), "groff is needed (Debian: groff-base)")
        let file = Binaries.temporaryDirectory().appendingPathComponent("\(program).8")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try page.output.write(to: file, atomically: true, encoding: .utf8)
        let rendered = try Spawned(groff, ["-man", "-ww", "-z", "-Tutf8", file.path], environment: [:])
        #expect(rendered.wait() == 0)
        #expect(rendered.standardError.isEmpty, "\(rendered.standardError)")
        // Every setting the help lists is in the manual too (hyphens are escaped there).
        let help = try run(program, ["--help"]).output
        let names = help.split(separator: "\n").compactMap { line -> Substring? in
            guard line.hasPrefix("  "), let name = line.dropFirst(2).split(separator: " ").first,
                name.allSatisfy({ $0.isUppercase || $0 == "_" })
            else { return nil }
            return name
        }
        #expect(names.count >= 9)
        for name in names { #expect(page.output.contains("\\fB\(name)\\fR"), "\(name)") }
    }

    @Test(arguments: programs) func anUnknownFlagIsAUsageError(program: String) throws {
        let bad = try run(program, ["--bogus"])
        #expect(bad.status == 64)
        #expect(bad.output.isEmpty)
        #expect(bad.errors.contains("--bogus"))
    }

    /// Super-servers pass it no argument, so any other argument is a mistake in a unit file, not a request.
    @Test func theHandlerTakesNoArgumentBesideAFlag() throws {
        let extra = try run("atm-handler", ["--version", "extra"])
        #expect(extra.status == 64)
        #expect(extra.output.isEmpty)
        #expect(extra.errors.contains("extra"))
    }

    /// What a front runs before it starts a pool that would only read its settings at its first connection.
    @Test func checkAcceptsValidSettingsAndNamesTheOneRefused() throws {
        let good = try run(
            "atm-handler", ["--check"], environment: ["ATM_HANDLER_POOL": "8", "ATM_KEEP_ALIVE_REQUESTS": "10"])
        #expect(good.status == 0)
        #expect(good.output.isEmpty && good.errors.isEmpty)
        let bad = try run("atm-handler", ["--check"], environment: ["ATM_MAX_BODY_BYTES": "1"])
        #expect(bad.status == 78)
        #expect(bad.output.isEmpty)
        #expect(bad.errors.contains("refusing the settings:") && bad.errors.contains("ATM_MAX_BODY_BYTES"))
    }
}
