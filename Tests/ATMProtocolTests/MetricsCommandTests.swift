import ATMCore
import ATMProtocol
import Testing

@Suite struct MetricsCommandTests {
    @Test func reportAndMetricsRoundTrip() throws {
        let identified = MetricsCommand.metrics(
            identity: ClientSubject("CN=prometheus, O=ATM network"),
            address: ClientAddress(Array("192.0.2.9".utf8)[...]))
        for command in [
            MetricsCommand.metrics(), identified, .report(.balance, status: 200), .report(.unmatched, status: 505),
        ] {
            #expect(try MetricsCommand(decoding: command.encoded.dropLast()) == command)
        }
        #expect(
            String(decoding: MetricsCommand.report(.openAPI, status: 304).encoded, as: UTF8.self)
                == "REPORT openapi 304\n")
    }

    @Test func otherCommandsAreLeftToStateRequest() throws {
        #expect(try MetricsCommand(decoding: Array("BALANCE 1".utf8)[...]) == nil)
        #expect(try MetricsCommand(decoding: [][...]) == nil)
    }

    @Test(arguments: [
        "REPORT", "REPORT balance", "REPORT balance 200 x", "REPORT 1001 200", "REPORT Balance 200",
        "REPORT balance 299", "REPORT balance 0200", "REPORT balance 99", "METRICS now", "METRICS key=k",
        "METRICS identity=a identity=b", "METRICS address=", "METRICS identity=%zz",
    ])
    func refusesAMalformedLine(line: String) {
        #expect(throws: ProtocolError.self) { try MetricsCommand(decoding: Array(line.utf8)[...]) }
        if line.hasPrefix("REPORT") { #expect(MetricsCommand.isReport(Array(line.utf8)[...])) }
    }

    @Test func theLineReaderHandsOverCountedBytesAfterALine() throws {
        var reader = LineReader(maximumLength: 16)
        reader.append(Array("OK 7\nab\ncd".utf8))
        #expect(try reader.nextLine() == Array("OK 7".utf8))
        #expect(reader.nextBytes(7) == nil)
        reader.append(Array("\neOK".utf8))
        #expect(reader.nextBytes(7) == Array("ab\ncd\ne".utf8))
        reader.append(Array(" 0\n".utf8))
        #expect(try reader.nextLine() == Array("OK 0".utf8))
    }
}
