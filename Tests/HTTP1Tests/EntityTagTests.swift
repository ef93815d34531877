import HTTP1
import Testing

@Suite struct EntityTagTests {
    private let tag = EntityTag(hashing: Array("the document".utf8))

    private func matches(_ value: String) -> Bool { tag.isMatched(byIfNoneMatch: Array(value.utf8)) }

    private var quoted: String { String(decoding: tag.fieldValue, as: UTF8.self) }

    @Test func aTagIsSixteenHexDigitsInQuotesAndFollowsEveryByte() {
        #expect(quoted.count == 18 && quoted.hasPrefix("\"") && quoted.hasSuffix("\""))
        var other = Array("the document".utf8)
        for index in other.indices {
            other[index] ^= 1
            #expect(EntityTag(hashing: other) != tag, "flipping byte \(index) kept the tag")
            other[index] ^= 1
        }
        #expect(EntityTag(hashing: Array("the document ".utf8)) != tag)
        #expect(EntityTag(hashing: []) != EntityTag(hashing: [0]))
    }

    @Test func ifNoneMatchNamingTheTagMatches() {
        #expect(matches(quoted))
        #expect(matches("W/" + quoted))
        #expect(matches("\"a\", " + quoted))
        #expect(matches("\"a,b\" ," + quoted + ", \"c\""))
        #expect(matches("*"))
    }

    @Test func ifNoneMatchNamingAnotherTagOrBrokenDoesNotMatch() {
        let bare = String(quoted.dropFirst().dropLast())
        for value in ["", "\"a\"", bare, "\"" + bare, quoted + "x", "w/" + quoted, "* , " + quoted, "\"a\"\"b\""] {
            #expect(!matches(value), "\(value)")
        }
    }
}
