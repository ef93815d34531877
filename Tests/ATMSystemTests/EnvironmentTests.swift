import ATMSystem
import Glibc
import Testing

/// Environment reads `environ` with its own name comparison (not getenv), so each test sets its own
/// variables, under names no other test uses, and removes them after.
@Suite struct EnvironmentTests {
    @Test func aVariableIsFoundByItsWholeNameOnly() {
        setenv("ATMTEST_ENV_NAME", "value=with=equals", 1)
        setenv("ATMTEST_ENV_NAMEX", "other", 1)
        defer {
            unsetenv("ATMTEST_ENV_NAME")
            unsetenv("ATMTEST_ENV_NAMEX")
        }
        #expect(Environment.value("ATMTEST_ENV_NAME") == "value=with=equals")
        #expect(Environment.bytes("ATMTEST_ENV_NAMEX") == Array("other".utf8))
        #expect(Environment.value("ATMTEST_ENV_NAM") == nil)
        #expect(Environment.value("ATMTEST_ENV_NAMEXY") == nil)
        #expect(Environment.value("") == nil)
    }

    @Test func anEmptyValueIsSetNotMissing() {
        setenv("ATMTEST_ENV_EMPTY", "", 1)
        defer { unsetenv("ATMTEST_ENV_EMPTY") }
        #expect(Environment.value("ATMTEST_ENV_EMPTY") == "")
        #expect(Environment.bytes("ATMTEST_ENV_EMPTY") == [])
    }

    @Test func aSnapshotHoldsTheVariablesOfItsPrefix() {
        setenv("ATMTESTSNAP_A", "1", 1)
        setenv("ATMTESTSNAP_AB", "2", 1)
        setenv("ATMTESTOTHER_A", "3", 1)
        defer {
            unsetenv("ATMTESTSNAP_A")
            unsetenv("ATMTESTSNAP_AB")
            unsetenv("ATMTESTOTHER_A")
        }
        let snapshot = Environment.Snapshot(prefix: "ATMTESTSNAP_")
        #expect(snapshot.value("ATMTESTSNAP_A") == "1")
        #expect(snapshot.value("ATMTESTSNAP_AB") == "2")
        #expect(snapshot.value("ATMTESTSNAP_ABC") == nil)
        #expect(snapshot.value("ATMTESTOTHER_A") == nil)
        #expect(Environment.value("ATMTESTOTHER_A") == "3")
    }
}
