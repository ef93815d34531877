import Glibc
import Testing

@testable import ATMSystem

/// Runs `body` with `strings` as an `environ`-style list, so no test changes the process's own
/// environment (which other suites' child processes read).
private func withEntries<Result>(_ strings: [String], _ body: (Environment.Entries) -> Result) -> Result {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

private func value(_ name: String, in strings: [String]) -> String? {
    withEntries(strings) { entries in
        Environment.withValue(of: name, in: entries) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }
}

@Suite struct EnvironmentTests {
    @Test func aVariableIsFoundByItsWholeNameOnly() {
        let entries = ["NAMEX=other", "NAME=value=with=equals", "NAM=short"]
        #expect(value("NAME", in: entries) == "value=with=equals")
        #expect(value("NAMEX", in: entries) == "other")
        #expect(value("NAM", in: entries) == "short")
        #expect(value("NA", in: entries) == nil)
        #expect(value("NAMEXY", in: entries) == nil)
    }

    @Test func theFirstEntryOfANameWinsAsWithGetenv() {
        #expect(value("TWICE", in: ["TWICE=first", "OTHER=x", "TWICE=second"]) == "first")
    }

    @Test func anEmptyValueIsSetNotMissing() {
        #expect(value("EMPTY", in: ["EMPTY="]) == "")
        #expect(value("EMPTY", in: ["EMPTY"]) == nil)
    }

    @Test(arguments: ["", "A=B", "A\u{0}B"])
    func aNameThatCannotBeSetIsNeverFound(name: String) {
        #expect(value(name, in: ["=x", "A=B=c", "A=d"]) == nil)
    }

    @Test func aSnapshotHoldsTheVariablesOfItsPrefixInOrder() {
        withEntries(["ATM_A=1", "OTHER_A=3", "ATM_AB=2", "ATM_A=later", "ATM=bare"]) { entries in
            let snapshot = Environment.Snapshot(prefix: "ATM_", in: entries)
            #expect(snapshot.value("ATM_A") == "1")
            #expect(snapshot.value("ATM_AB") == "2")
            #expect(snapshot.value("ATM_ABC") == nil)
            #expect(snapshot.value("OTHER_A") == nil)
            #expect(snapshot.value("ATM") == nil)
            #expect(snapshot.value("") == nil)
        }
    }
}
