import ATMSystem
import Glibc
import Testing

@Suite struct DescriptorTests {
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

    @Test func aFileIdentityIsTheSameForADuplicateAndAbsentWhenNotOpen() throws {
        let stop = try StopSignal()
        let copy = FileDescriptor(rawValue: dup(stop.readEnd.rawValue))
        #expect(stop.readEnd.fileIdentity != nil)
        #expect(copy.fileIdentity == stop.readEnd.fileIdentity)
        let other = try StopSignal()
        #expect(other.readEnd.fileIdentity != stop.readEnd.fileIdentity)
        // Not a closed descriptor's number, which another test's open could take at once: -1 is never open.
        #expect(FileDescriptor(rawValue: -1).fileIdentity == nil)
        copy.close()
        other.close()
        stop.close()
    }

    @Test func aDescriptorThatIsNotASocketHasNoPeerName() throws {
        let stop = try StopSignal()
        #expect(stop.readEnd.peerName == nil)
        stop.fire()
        stop.close()
    }

    @Test func closingADescriptorTwiceTraps() async {
        await #expect(processExitsWith: .failure) {
            let stop = try StopSignal()
            stop.fire()
            stop.fire()
        }
    }

    @Test func exitStatusesAreTheSysexitsValues() {
        let statuses: [ATMSystem.ExitStatus] = [
            .success, .usage, .dataError, .unavailable, .systemError, .cannotCreate, .configuration,
        ]
        #expect(statuses.map { $0.rawValue } == [0, 64, 65, 69, 71, 73, 78])
    }
}
