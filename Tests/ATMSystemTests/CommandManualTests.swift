import ATMSystem
import Testing

/// ``CommandManual``'s help text and manual page, and ``IntegerSetting``: what is printed is what is enforced.
@Suite struct CommandManualTests {
    static let limit = IntegerSetting("ATM_TEST_LIMIT", default: 20, in: 1...500, "how many at once")
    static let manual = CommandManual(
        name: "atm-test", summary: "a command to test with", synopsis: ["", "--help"],
        description: ["First paragraph with a - hyphen.", ".starts with a dot and has a \\ backslash"],
        options: [.init("--help", "print this help"), .init("--socket", argument: "PATH", "serve on PATH")],
        settings: [
            limit.description,
            SettingDescription(name: "ATM_TEST_PATH", defaultText: "none", accepted: "a path", meaning: "where"),
        ],
        exits: [.init(.success, "done"), .init(.usage, "a bad argument")], seeAlso: ["atm-stated(8)"],
        version: "9.9 (test)")

    @Test func anIntegerSettingDocumentsTheDefaultAndRangeItEnforces() throws {
        #expect(Self.limit.description.defaultText == "20")
        #expect(Self.limit.description.accepted == "1-500")
        #expect(try Self.limit.read(from: { _ in nil }) == 20)
        #expect(try Self.limit.read(from: { _ in "1" }) == 1)
        #expect(try Self.limit.read(from: { _ in "500" }) == 500)
        for refused in ["0", "501", "", "ten", "-1", "99999999999999999999999"] {
            #expect(throws: SettingError.self, "\(refused)") { try Self.limit.read(from: { _ in refused }) }
        }
    }

    @Test func theHelpListsUsageOptionsEverySettingAndTheExitStatuses() {
        let help = Self.manual.helpText
        #expect(help.hasPrefix("Usage: atm-test\n       atm-test --help\n"))
        #expect(help.contains("  --socket PATH\n      serve on PATH\n"))
        #expect(help.contains("  ATM_TEST_LIMIT  (20; 1-500)\n      how many at once\n"))
        #expect(help.contains("  ATM_TEST_PATH  (none; a path)\n      where\n"))
        #expect(help.contains("  64  a bad argument\n"))
        #expect(Self.manual.versionLine == "atm-test 9.9 (test)")
    }

    @Test func longParagraphsAreWrappedAtAHundredColumns() {
        let words = Array(repeating: "word", count: 60).joined(separator: " ")
        let manual = CommandManual(
            name: "x", summary: "", synopsis: [""], description: [words], options: [], settings: [], exits: [],
            seeAlso: [], version: "")
        let lines = manual.helpText.split(separator: "\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 100 })
        #expect(lines.filter { $0.hasPrefix("word") }.count == 3)
    }

    @Test func theManualPageEscapesWhatRoffWouldReadAsRequestsOrEscapes() {
        let page = Self.manual.manPage
        #expect(page.hasPrefix(".TH ATM\\-TEST 8 \"\" \"atm "))
        #expect(page.contains(".SH NAME\natm\\-test \\- a command to test with\n"))
        #expect(page.contains("First paragraph with a \\- hyphen.\n"))
        #expect(page.contains(".PP\n\\&.starts with a dot and has a \\e backslash\n"))
        #expect(page.contains(".TP\n\\fB\\-\\-socket\\fR \\fIPATH\\fR\nserve on PATH\n"))
        #expect(page.contains(".TP\n\\fBATM_TEST_LIMIT\\fR\nhow many at once\n.br\nDefault: 20; accepted: 1\\-500.\n"))
        #expect(page.contains(".SH EXIT STATUS\n.TP\n.B 0\ndone\n.TP\n.B 64\na bad argument\n"))
        #expect(page.hasSuffix(".SH SEE ALSO\natm\\-stated(8)\n"))
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "ENVIRONMENT", "EXIT STATUS", "SEE ALSO"] {
            #expect(page.contains("\n.SH \(section)\n"), "\(section)")
        }
    }
}
