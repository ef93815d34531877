import ATMSystem
import Glibc
import Testing

/// The two ends of a new pipe: descriptors that are open and are not sockets.
private func openPipe() throws -> (read: FileDescriptor, write: FileDescriptor) {
    var ends: [Int32] = [-1, -1]
    try #require(pipe(&ends) == 0)
    return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
}

@Suite struct DescriptorTests {
    @Test func aFileIdentityIsTheSameForADuplicateAndAbsentWhenNotOpen() throws {
        let ends = try openPipe()
        let copy = FileDescriptor(rawValue: dup(ends.read.rawValue))
        #expect(ends.read.fileIdentity != nil)
        #expect(copy.fileIdentity == ends.read.fileIdentity)
        let other = try openPipe()
        #expect(other.read.fileIdentity != ends.read.fileIdentity)
        // Not a closed descriptor's number, which another test's open could take at once: -1 is never open.
        #expect(FileDescriptor(rawValue: -1).fileIdentity == nil)
        for descriptor in [copy, other.read, other.write, ends.read, ends.write] { descriptor.close() }
    }

    @Test func aDescriptorThatIsNotASocketHasNoPeerName() throws {
        let ends = try openPipe()
        #expect(ends.read.peerName == nil)
        ends.read.close()
        ends.write.close()
    }

    @Test func aLoopbackTCPPeerIsItsAddressAndPort() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 1) == 0
                    && getsockname(listener, $0, &length) == 0
            }
        }
        try #require(bound)
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(client >= 0)
        defer { close(client) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, length) == 0 }
        }
        try #require(connected)
        #expect(FileDescriptor(rawValue: client).peerName == "127.0.0.1:\(UInt16(bigEndian: address.sin_port))")
    }

    @Test func closingADescriptorTwiceTraps() async {
        await #expect(processExitsWith: .failure) {
            let ends = try openPipe()
            ends.write.close()
            ends.write.close()
        }
    }

    @Test func exitStatusesAreTheSysexitsValues() {
        let statuses: [ATMSystem.ExitStatus] = [
            .success, .usage, .dataError, .unavailable, .systemError, .cannotCreate, .configuration,
        ]
        #expect(statuses.map { $0.rawValue } == [0, 64, 65, 69, 71, 73, 78])
    }
}
