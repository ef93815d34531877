import ATMHandler
import ATMSystem
import Testing

/// `atm-handler`'s arguments: none is serving; a flag alone is a question; anything else is refused.
@Suite struct HandlerCommandTests {
    @Test func noArgumentsServesAsEverySuperServerStartsIt() {
        #expect(HandlerCommand.parse([]) == .serve)
    }

    @Test func eachFlagAloneIsItsQuestion() {
        #expect(HandlerCommand.parse(["--help"]) == .help)
        #expect(HandlerCommand.parse(["-h"]) == .help)
        #expect(HandlerCommand.parse(["--version"]) == .version)
        #expect(HandlerCommand.parse(["--man"]) == .manualPage)
        #expect(HandlerCommand.parse(["--check"]) == .check)
    }

    @Test func anyOtherArgumentIsRefusedByName() {
        #expect(HandlerCommand.parse(["--bogus"]) == .unknown("--bogus"))
        #expect(HandlerCommand.parse(["serve"]) == .unknown("serve"))
        #expect(HandlerCommand.parse(["--help", "--version"]) == .unknown("--version"))
        #expect(HandlerCommand.parse([""]) == .unknown(""))
    }

    @Test func theManualListsEverySettingTheConfigurationReads() {
        let help = HandlerCommand.manual.helpText
        for setting in HandlerSettings.all {
            #expect(
                help.contains("  \(setting.name)  (\(setting.defaultText); \(setting.accepted))\n"), "\(setting.name)")
        }
        #expect(HandlerSettings.all.count == 12)
    }
}
