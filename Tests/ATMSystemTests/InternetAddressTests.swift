import ATMSystem
import Testing

@Suite struct InternetAddressTests {
    @Test(
        arguments: [
            ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "2001:db8::1"),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "::1"),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 9], "::ffff:127.0.0.9"),
            ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0], "2001:db8:0:1::1:0"),
            ([0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1], "2001:db8:1:0:1:1:1:1"),
            ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "2001:db8::1:0:0:1"),
            ([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "fe80::"),
        ] as [([UInt8], String)])
    func anIPv6AddressIsWrittenAsRFC5952Says(address: [UInt8], text: String) {
        #expect(InternetAddress.text(of: address) == text)
    }

    @Test func anIPv4AddressIsDottedAndAnyOtherLengthIsNone() {
        #expect(InternetAddress.text(of: [192, 0, 2, 7] as [UInt8]) == "192.0.2.7")
        #expect(InternetAddress.text(of: [0, 0, 0, 0] as [UInt8]) == "0.0.0.0")
        #expect(InternetAddress.text(of: [255, 255, 255, 255] as [UInt8]) == "255.255.255.255")
        #expect(InternetAddress.text(of: [] as [UInt8]) == nil)
        #expect(InternetAddress.text(of: [192, 0, 2] as [UInt8]) == nil)
        #expect(InternetAddress.text(of: [UInt8](repeating: 0, count: 15)) == nil)
    }
}
