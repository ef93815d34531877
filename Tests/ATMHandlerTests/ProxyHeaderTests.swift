import ATMCore
import ATMProtocol
import Testing

@testable import ATMHandler

@Suite("PROXY protocol v2 header: who the terminator says connected")
struct ProxyHeaderTests {
    /// A header as haproxy writes it: `command` 1 (PROXY) or 0 (LOCAL), the family byte, its addresses and TLVs.
    static func header(command: UInt8 = 1, family: UInt8 = 0x11, addresses: [UInt8], tlvs: [[UInt8]] = []) -> [UInt8] {
        let rest = addresses + tlvs.flatMap { $0 }
        return ProxyHeader.signature + [0x20 | command, family, UInt8(rest.count >> 8), UInt8(rest.count & 0xFF)] + rest
    }

    static func tlv(_ type: UInt8, _ value: [UInt8]) -> [UInt8] {
        [type, UInt8(value.count >> 8), UInt8(value.count & 0xFF)] + value
    }

    /// PP2_TYPE_SSL: `flags` (0x01 TLS, 0x02 a certificate on this connection), OpenSSL's verify result, then
    /// the version and CN sub-TLVs haproxy adds.
    static func ssl(flags: UInt8 = 0x03, verify: UInt32 = 0) -> [UInt8] {
        let verifyBytes = [
            UInt8(verify >> 24), UInt8(verify >> 16 & 0xFF), UInt8(verify >> 8 & 0xFF), UInt8(verify & 0xFF),
        ]
        return tlv(
            0x20, [flags] + verifyBytes + tlv(0x21, Array("TLSv1.3".utf8)) + tlv(0x22, Array("terminal-0042".utf8)))
    }

    static let ipv4 = [192, 0, 2, 7, 127, 0, 0, 1, 0x13, 0x88, 0x1F, 0x40] as [UInt8]
    static let subjectTLV = tlv(0x05, Array("CN=terminal-0042,O=ATM network".utf8))

    @Test func aVerifiedCertificateGivesTheSubjectInStunnelsSpellingAndTheSourceAddress() throws {
        let bytes = Self.header(addresses: Self.ipv4, tlvs: [Self.subjectTLV, Self.ssl()])
        guard case .header(let header, let length) = ProxyHeader.read(bytes[...] + Array("GET".utf8)) else {
            Issue.record("not read")
            return
        }
        #expect(length == bytes.count)
        #expect(header.address?.text == "192.0.2.7")
        #expect(header.subject?.text == "O=ATM network, CN=terminal-0042")
    }

    @Test func everyPrefixOfAHeaderNeedsMoreAndNothingElse() {
        let bytes = Self.header(addresses: Self.ipv4, tlvs: [Self.subjectTLV, Self.ssl()])
        for count in 0..<bytes.count {
            #expect(ProxyHeader.read(bytes[..<count]) == .needMore, "prefix of \(count) bytes")
        }
    }

    @Test func bytesThatAreNotTheSignatureAreRefusedAtTheFirstWrongByte() {
        #expect(ProxyHeader.read(Array("GET / HTTP/1.1\r\n".utf8)[...]) == .failure(.notAProxyHeader(offset: 0)))
        #expect(ProxyHeader.read(Array("\r\n\r\nX".utf8)[...]) == .failure(.notAProxyHeader(offset: 4)))
        // Version 1, the text form, is not read.
        #expect(ProxyHeader.read(Array("PROXY TCP4 192.0.2.7 ".utf8)[...]) == .failure(.notAProxyHeader(offset: 0)))
    }

    @Test func aWrongVersionCommandOrFamilyIsRefused() {
        var bytes = Self.header(addresses: Self.ipv4)
        bytes[12] = 0x11
        #expect(ProxyHeader.read(bytes[...]) == .failure(.unsupportedVersion(1)))
        bytes[12] = 0x22
        #expect(ProxyHeader.read(bytes[...]) == .failure(.unknownCommand(2)))
        #expect(
            ProxyHeader.read(Self.header(family: 0x12, addresses: Self.ipv4)[...]) == .failure(.unsupportedFamily(0x12))
        )
    }

    @Test func aLengthPastTheLimitIsRefusedBeforeItArrives() {
        let bytes = ProxyHeader.signature + [0x21, 0x11, 0xFF, 0xFF]
        #expect(ProxyHeader.read(bytes[...]) == .failure(.tooLong(16 + 0xFFFF)))
    }

    @Test func addressesOrTLVsThatDoNotFitTheirLengthAreRefused() {
        #expect(
            ProxyHeader.read(Self.header(addresses: Array(Self.ipv4.prefix(8)))[...])
                == .failure(.addressTruncated(family: 0x11)))
        #expect(
            ProxyHeader.read(Self.header(addresses: Self.ipv4, tlvs: [[0x05, 0x00]])[...])
                == .failure(.tlvTruncated(offset: 0)))
        #expect(
            ProxyHeader.read(Self.header(addresses: Self.ipv4, tlvs: [[0x05, 0x00, 0x09, 0x41]])[...])
                == .failure(.tlvTruncated(offset: 0)))
        #expect(
            ProxyHeader.read(Self.header(addresses: Self.ipv4, tlvs: [Self.tlv(0x20, [0x03, 0, 0])])[...])
                == .failure(.sslTLVTruncated))
        #expect(
            ProxyHeader.read(Self.header(addresses: Self.ipv4, tlvs: [Self.subjectTLV, Self.subjectTLV])[...])
                == .failure(.repeatedTLV(0x05)))
    }

    @Test func aCertificateTheProxyCouldNotVerifyOrWithoutASubjectNamesNobody() {
        #expect(
            ProxyHeader.read(Self.header(addresses: Self.ipv4, tlvs: [Self.subjectTLV, Self.ssl(verify: 10)])[...])
                == .failure(.certificateNotVerified(10)))
        #expect(ProxyHeader.read(Self.header(addresses: Self.ipv4, tlvs: [Self.ssl()])[...]) == .failure(.noSubject))
        let long = Self.tlv(0x05, Array(repeating: UInt8(ascii: "A"), count: ClientSubject.maximumLength + 1))
        #expect(
            ProxyHeader.read(Self.header(addresses: Self.ipv4, tlvs: [long, Self.ssl()])[...])
                == .failure(.subjectTooLong))
    }

    @Test func tlsWithoutAClientCertificateOrNoTLSAtAllHasNoSubject() throws {
        for tlvs in [[Self.subjectTLV, Self.ssl(flags: 0x01)], [Self.tlv(0x04, [0])]] {
            guard case .header(let header, _) = ProxyHeader.read(Self.header(addresses: Self.ipv4, tlvs: tlvs)[...])
            else {
                Issue.record("not read")
                continue
            }
            #expect(header.subject == nil)
            #expect(header.address?.text == "192.0.2.7")
        }
    }

    @Test func theProxysOwnLocalConnectionNamesNoClient() {
        let bytes = Self.header(command: 0, family: 0x00, addresses: [])
        #expect(ProxyHeader.read(bytes[...]) == .header(ClientIdentity(subject: nil, address: nil), length: 16))
    }

    /// The text itself is ``InternetAddress``'s (its RFC 5952 cases are in ATMSystemTests).
    @Test(
        arguments: [
            ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "2001:db8::1"),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 9], "::ffff:127.0.0.9"),
        ] as [([UInt8], String)])
    func anIPv6SourceIsWrittenAsRFC5952Says(address: [UInt8], text: String) {
        let bytes = Self.header(family: 0x21, addresses: address + Array(repeating: 0, count: 16) + [0, 1, 0, 2])
        guard case .header(let header, _) = ProxyHeader.read(bytes[...]) else {
            Issue.record("not read")
            return
        }
        #expect(header.address?.text == text)
    }

    @Test func aUnixSourceHasNoAddress() {
        let bytes = Self.header(family: 0x31, addresses: Array(repeating: UInt8(ascii: "p"), count: 216))
        guard case .header(let header, _) = ProxyHeader.read(bytes[...]) else {
            Issue.record("not read")
            return
        }
        #expect(header.address == nil)
    }
}

@Suite("A handler behind a PROXY v2 terminator")
struct ProxiedConnectionTests {
    static let balance = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n"

    private func configuration(socket: String) -> HandlerConfiguration {
        var configuration = HandlerConfiguration()
        configuration.stateSocketPath = socket
        configuration.stateTimeoutMilliseconds = 200
        configuration.readsProxyHeader = true
        return configuration
    }

    /// The access log shows the header's address too, not the proxy's socket (`unix`).
    @Test func theHeadersClientIsWhoTheDaemonHearsOfAndTheRequestAfterItIsServed() throws {
        let daemon = try FakeDaemon { words($0).first == "BALANCE" ? "OK 1001 12345" : nil }
        let header = ProxyHeaderTests.header(
            addresses: ProxyHeaderTests.ipv4, tlvs: [ProxyHeaderTests.subjectTLV, ProxyHeaderTests.ssl()])
        let exchange = try HandlerExchange.run(
            bytes: header + Array(Self.balance.utf8), configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 200)
        let line = try #require(daemon.received.all.first)
        #expect(line.hasPrefix("BALANCE 1001 "))
        #expect(line.contains(" identity=O=ATM%20network,%20CN=terminal-0042"), "\(line)")
        #expect(line.contains(" address=192.0.2.7"), "\(line)")
        #expect(exchange.log.contains(#"identity="O=ATM network, CN=terminal-0042""#), "\(exchange.log)")
        #expect(exchange.log.contains("us 192.0.2.7 request_id="), "\(exchange.log)")
        #expect(!exchange.log.contains("unix"), "\(exchange.log)")
    }

    @Test func aLocalHeaderNamesNoAddressSoTheLogKeepsTheSocketsPeer() throws {
        let daemon = try FakeDaemon { words($0).first == "BALANCE" ? "OK 1001 12345" : nil }
        let header = ProxyHeaderTests.header(command: 0, family: 0x00, addresses: [])
        let exchange = try HandlerExchange.run(
            bytes: header + Array(Self.balance.utf8), configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 200)
        #expect(exchange.log.contains("us unix request_id="), "\(exchange.log)")
    }

    @Test(arguments: [Array(balance.utf8), ProxyHeader.signature + [0x21, 0x11, 0, 12]])
    func aConnectionWithoutAWholeHeaderIsClosedWithNoAnswerAndNothingAsked(bytes: [UInt8]) throws {
        let daemon = try FakeDaemon { _ in "OK 1001 12345" }
        let exchange = try HandlerExchange.run(bytes: bytes, configuration: configuration(socket: daemon.path))
        #expect(exchange.response.isEmpty)
        #expect(daemon.received.all.isEmpty)
        #expect(exchange.log.hasPrefix("atm-handler: closing a connection: proxy-header-"), "\(exchange.log)")
    }
}
