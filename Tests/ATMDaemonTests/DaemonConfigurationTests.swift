import ATMDaemon
import ATMMoney
import ATMSystem
import Foundation
import Testing

/// `DaemonConfiguration.parse(_:environment:)` and `preloadAccounts(environment:)` from given values.
@Suite struct DaemonConfigurationTests {
    private func parse(_ arguments: [String] = [], _ environment: [String: String] = [:]) throws(DaemonConfiguration
        .Failure) -> (DaemonConfiguration, DaemonConfiguration.Action)
    {
        try DaemonConfiguration.parse(arguments, environment: { environment[$0] })
    }

    /// The status a refused configuration exits with, or `nil` when it is accepted.
    private func refusal(_ arguments: [String] = [], _ environment: [String: String] = [:]) -> ATMSystem.ExitStatus? {
        do {
            _ = try parse(arguments, environment)
            return nil
        } catch {
            return error.status
        }
    }

    private static let ranges: [(name: String, range: ClosedRange<Int>, read: @Sendable (DaemonConfiguration) -> Int)] =
        [
            ("ATM_STATED_MAX_CLIENTS", 1...65_536, { $0.maximumClients }),
            ("ATM_STATED_IDLE_TIMEOUT_MS", 100...86_400_000, { $0.idleTimeoutMilliseconds }),
            ("ATM_STATED_JOURNAL_COMPACT_BYTES", 4096...(1 << 40), { $0.journalCompactBytes }),
            ("ATM_STATED_IDEMPOTENCY_KEYS", 1...100_000_000, { $0.idempotencyKeys }),
            ("ATM_STATED_HISTORY", 0...100_000, { $0.historySize }),
        ]

    @Test func nothingGivenMeansServeWithTheDefaults() throws {
        let (configuration, action) = try parse()
        #expect(action == .serve)
        #expect(configuration.socketPath == DaemonConfiguration.defaultSocketPath)
        #expect(configuration.socketMode == 0o660)
        #expect(configuration.journalPath == nil)
        #expect(configuration.maximumClients == 256)
        #expect(configuration.idleTimeoutMilliseconds == 30_000)
        #expect(configuration.historySize == 100)
    }

    @Test func everyNumericSettingIsTakenAtBothEdgesAndRefusedPastThemWithExit78() throws {
        for (name, range, read) in Self.ranges {
            for edge in [range.lowerBound, range.upperBound] {
                #expect(read(try parse([], [name: "\(edge)"]).0) == edge, "\(name)=\(edge)")
            }
            for past in [range.lowerBound - 1, range.upperBound + 1] {
                #expect(refusal([], [name: "\(past)"]) == .configuration, "\(name)=\(past)")
            }
            #expect(refusal([], [name: "many"]) == .configuration)
        }
    }

    @Test func theSocketModeIsUpToFourOctalDigits() throws {
        #expect(try parse([], ["ATM_STATED_SOCKET_MODE": "0600"]).0.socketMode == 0o600)
        #expect(try parse([], ["ATM_STATED_SOCKET_MODE": "7777"]).0.socketMode == 0o7777)
        #expect(try parse([], ["ATM_STATED_SOCKET_MODE": "0"]).0.socketMode == 0)
        for bad in ["", "8", "0o660", "07777", "rw", "-1"] {
            #expect(refusal([], ["ATM_STATED_SOCKET_MODE": bad]) == .configuration, "\(bad)")
        }
    }

    @Test func argumentsWinOverTheEnvironment() throws {
        let environment = ["ATM_STATED_SOCKET": "/env.sock", "ATM_STATED_JOURNAL": "/env.journal"]
        #expect(try parse([], environment).0.socketPath == "/env.sock")
        #expect(try parse([], environment).0.journalPath == "/env.journal")
        let (configuration, _) = try parse(["--socket", "/arg.sock", "--journal=/arg.journal"], environment)
        #expect(configuration.socketPath == "/arg.sock")
        #expect(configuration.journalPath == "/arg.journal")
        #expect(try parse(["--socket=/eq.sock"]).0.socketPath == "/eq.sock")
    }

    @Test func helpAndVersionAreActions() throws {
        #expect(try parse(["--help"]).1 == .showHelp)
        #expect(try parse(["-h"]).1 == .showHelp)
        #expect(try parse(["--version"]).1 == .showVersion)
        #expect(try parse(["--man"]).1 == .showManual)
    }

    /// The help prints the default and range the parser enforces, for every numeric setting.
    @Test func theHelpDocumentsEachRangeAndDefaultTheParserEnforces() throws {
        let help = DaemonManual.manual.helpText
        let defaults = try parse().0
        for (name, range, read) in Self.ranges {
            #expect(
                help.contains("  \(name)  (\(read(defaults)); \(range.lowerBound)-\(range.upperBound))\n"), "\(name)")
        }
        for setting in DaemonSettings.all {
            #expect(help.contains("  \(setting.name)  ("), "\(setting.name)")
            #expect(DaemonManual.manual.manPage.contains("\\fB\(setting.name)\\fR"), "\(setting.name)")
        }
    }

    @Test func aBadCommandLineIsExit64() {
        #expect(refusal(["--socket"]) == .usage)
        #expect(refusal(["--journal"]) == .usage)
        #expect(refusal(["--verbose"]) == .usage)
        #expect(refusal(["serve"]) == .usage)
    }

    @Test func theSocketPathIsOneToTheMaximumBytesAndTheJournalPathNotEmpty() throws {
        let longest = "/" + String(repeating: "s", count: UnixSocketPath.maximumLength - 1)
        #expect(try parse(["--socket", longest]).0.socketPath == longest)
        #expect(refusal(["--socket", longest + "s"]) == .configuration)
        #expect(refusal(["--socket", ""]) == .configuration)
        #expect(refusal(["--journal", ""]) == .configuration)
    }

    private func preload(_ environment: [String: String]) throws(DaemonConfiguration.Failure) -> [String: Int64] {
        let accounts = try DaemonConfiguration.preloadAccounts(environment: { environment[$0].map { Array($0.utf8) } })
        var result: [String: Int64] = [:]
        for (account, money) in accounts { result[account.description] = money.cents }
        return result
    }

    @Test func preloadAccountsComeInlineFromAFileOrAreTheDemoSet() throws {
        #expect(try preload(["PRELOAD_ACCOUNTS": #"{"7":"1.50","8":"0"}"#]) == ["7": 150, "8": 0])
        #expect(try preload([:]) == ["1001": 100_000, "1002": 25_050, "1003": 500_000, "1004": 7_525, "2001": 0])
        let file = "/tmp/atm-unit-preload-\(UUID().uuidString.prefix(8)).json"
        try Data(#"{"9":"9.99"}"#.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try preload(["PRELOAD_ACCOUNTS_FILE": file]) == ["9": 999])
    }

    @Test func aBadPreloadIsExit78WithTheVariableNamed() {
        for environment in [
            ["PRELOAD_ACCOUNTS": "[]"], ["PRELOAD_ACCOUNTS": #"{"1":"-1"}"#],
            ["PRELOAD_ACCOUNTS": "{}", "PRELOAD_ACCOUNTS_FILE": "/x"],
            ["PRELOAD_ACCOUNTS_FILE": "/tmp/atm-unit-no-such-file.json"],
        ] {
            #expect(throws: DaemonConfiguration.Failure.self, "\(environment)") { try preload(environment) }
            do {
                _ = try preload(environment)
            } catch {
                #expect(error.status == .configuration)
                #expect(error.message.contains("PRELOAD_ACCOUNTS"), "\(error.message)")
            }
        }
    }
}
