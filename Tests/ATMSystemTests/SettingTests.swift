import ATMSystem
import Testing

@Suite struct SettingTests {
    @Test func unsetMeansTheDefault() throws {
        #expect(try Setting.integer("X", nil, default: 7, in: 1...10) == 7)
    }

    @Test(arguments: ["", "abc", "-1", "0", "11", " 5", "5 ", "99999999999999999999999", "1e3"])
    func invalidValuesAreRefusedByName(raw: String) {
        #expect(throws: SettingError.self) { try Setting.integer("ATM_X", raw, default: 7, in: 1...10) }
    }

    @Test func fileModesAreOctal() throws {
        #expect(try Setting.fileMode("M", "0600", default: 0) == 0o600)
        #expect(throws: SettingError.self) { try Setting.fileMode("M", "0800", default: 0) }
        #expect(throws: SettingError.self) { try Setting.fileMode("M", "rw", default: 0) }
    }
}
