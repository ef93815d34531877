import ATMDaemonSystem
import Testing

@Suite struct DaemonDescriptorTests {
    @Test func aStopSignalWakesItsWaiterWithEndOfInput() throws {
        let stop = try StopSignal()
        #expect(try stop.readEnd.wait(for: .readable, until: .after(milliseconds: 0)) == false)
        stop.fire()
        #expect(try stop.readEnd.wait(for: .readable, until: .after(milliseconds: 1_000)))
        #expect(try stop.readEnd.read(upTo: 16, until: .after(milliseconds: 1_000)) == [])
        stop.close()
    }

    @Test func aSpareDescriptorIsFreedForTheBodyAndTakenBack() throws {
        var spare = SpareDescriptor()
        var ranBody = false
        spare.whileReleased { ranBody = true }
        #expect(ranBody)
    }
}
