import ATMBytes
import Testing

/// Every piece a response, protocol line or log line is made of, written the same way into both sinks.
private func writePieces<Sink: ByteSink & ~Copyable>(to sink: inout Sink) {
    sink.append(ascii: "HTTP/1.1 ")
    sink.append(decimal: 200)
    sink.append(UInt8(ascii: " "))
    sink.append(bytes: Array("café".utf8))
    sink.append(bytes: Array("0123456789"[...].utf8)[2..<5])
    sink.append(utf8: "naïve")
    sink.append(hex: 0xAF)
    sink.append(hex: 0x0E, uppercase: true)
    sink.append(ascii: "")
    sink.append(bytes: [])
}

@Suite struct ByteWriterTests {
    @Test func writesEveryPieceInOrderAsAnArrayWould() {
        var writer = ByteWriter(capacity: 0)
        var array: [UInt8] = []
        writePieces(to: &writer)
        writePieces(to: &array)
        #expect(writer.bytes == array)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "HTTP/1.1 200 café234naïveaf0E")
        #expect(writer.count == array.count)
    }

    @Test func growsPastItsCapacityWithoutLosingBytes() {
        var writer = ByteWriter(capacity: 16)
        var expected: [UInt8] = []
        for round in 0..<1_000 {
            writer.append(decimal: Int64(round))
            writer.append(UInt8(ascii: ","))
            expected += Array("\(round),".utf8)
        }
        #expect(writer.bytes == expected)
        writer.withUnsafeBytes { raw in #expect(Array(raw) == expected) }
    }

    @Test(arguments: [Int64.min, -1_000_000_007, -1, 0, 7, 10, 99_999, Int64.max])
    func decimalIsTheIntegersOwnSpelling(value: Int64) {
        var writer = ByteWriter(capacity: 4)
        writer.append(decimal: value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
    }

    @Test func oneLongPieceLargerThanTwiceTheCapacityFits() {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
        var writer = ByteWriter(capacity: 16)
        writer.append(ascii: "<")
        writer.append(bytes: long)
        writer.append(ascii: ">")
        #expect(writer.bytes == [UInt8(ascii: "<")] + long + [UInt8(ascii: ">")])
    }
}

@Suite struct HexDigitsTests {
    @Test(arguments: [
        0, 1, 0x0f, 0xa0, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, UInt64.max, 0x8000_0000_0000_0000,
    ])
    func sixteenLowercaseDigitsWithLeadingZeros(value: UInt64) {
        var digits = HexDigits.sixteen(value)
        let bytes = withUnsafeBytes(of: &digits) { Array($0) }
        let expected = String(value, radix: 16)
        #expect(String(decoding: bytes, as: UTF8.self) == String(repeating: "0", count: 16 - expected.count) + expected)
    }

    @Test func exactlyLowercaseHexIsRead() {
        #expect(
            DecimalDigits.parseLowercaseHexadecimal(Array("00f067aa0ba902b7".utf8)[...], count: 16)
                == 0x00f0_67aa_0ba9_02b7)
        #expect(DecimalDigits.parseLowercaseHexadecimal(Array("ffffffffffffffff".utf8)[...], count: 16) == .max)
        #expect(DecimalDigits.parseLowercaseHexadecimal(Array("0A".utf8)[...], count: 2) == nil)
        #expect(DecimalDigits.parseLowercaseHexadecimal(Array("0a".utf8)[...], count: 3) == nil)
        #expect(DecimalDigits.parseLowercaseHexadecimal(Array("0g".utf8)[...], count: 2) == nil)
        #expect(DecimalDigits.parseLowercaseHexadecimal([][...], count: 0) == nil)
    }
}
