import ATMJSON
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }

    @Test func parsesObjectsKeepingOrderAndDuplicates() throws {
        let value = try parse(#" {"b": 1, "a": [true, false, null], "b": "x"} "#)
        #expect(
            value
                == .object([
                    JSONMember(key: Array("b".utf8), value: .number(Array("1".utf8))),
                    JSONMember(key: Array("a".utf8), value: .array([.bool(true), .bool(false), .null])),
                    JSONMember(key: Array("b".utf8), value: .string(Array("x".utf8))),
                ]))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""\u0031\u0030.5\n\"\\\/""#) == .string(Array("10.5\n\"\\/".utf8)))
        #expect(try parse(#""\ud83d\ude00""#) == .string(Array("😀".utf8)))
    }

    @Test(arguments: [
        "", "{", "{\"a\"}", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "1e", "+1", "tru", "nul", "\"abc",
        "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"", "{} {}", "'a'", "\"a\u{01}\"", "NaN", "[1 2]",
    ])
    func refusesMalformedDocuments(text: String) {
        #expect(throws: JSONError.self) { try parse(text) }
    }

    @Test(
        arguments: [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x80]]
            as [[UInt8]])
    func refusesInvalidUTF8InStrings(bytes: [UInt8]) {
        let document = [UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")]
        #expect(throws: JSONError(.invalidUTF8, at: 1)) { try JSONParser.parse(document) }
    }

    @Test func acceptsValidMultibyteUTF8() throws {
        #expect(try parse("\"é€😀\"") == .string(Array("é€😀".utf8)))
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        #expect(throws: JSONError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        _ = try parse(fine)
        let hostile = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONError.self) { try JSONParser.parse(hostile) }
    }

    @Test func writesEscapedStrings() {
        var writer = JSONObjectWriter()
        writer.add("detail", "a \"b\" \\ \n\u{01}")
        writer.add("list", ["1", "2"])
        let bytes = writer.finish()
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"detail":"a \"b\" \\ \n\u0001","list":["1","2"]}"#)
    }
}
