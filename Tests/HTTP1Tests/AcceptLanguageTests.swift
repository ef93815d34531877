import HTTP1
import Testing

/// `Accept-Language` (RFC 9110 §12.5.4, ranges per RFC 4647), rule by rule.
@Suite struct AcceptLanguageTests {
    private let tags: [StaticString] = ["en", "de"]

    private func parsed(_ value: String) -> AcceptLanguage? { AcceptLanguage(Array(value.utf8)) }

    /// The tag chosen, "-" when the value is malformed, "none" when it makes no tag acceptable.
    private func chosen(_ value: String) -> String {
        guard let field = parsed(value) else { return "-" }
        guard let index = field.preferred(among: tags) else { return "none" }
        return tags[index].description
    }

    private func weights(_ value: String) -> [Int]? { parsed(value)?.preferences.map(\.weight) }

    @Test func aRangeWithoutAWeightHasWeightOne() {
        #expect(weights("de") == [1000])
        #expect(weights("de, en") == [1000, 1000])
    }

    @Test(arguments: [
        ("q=0", 0), ("q=0.", 0), ("q=0.5", 500), ("q=0.25", 250), ("q=0.125", 125), ("q=0.001", 1), ("q=1", 1000),
        ("q=1.", 1000), ("q=1.0", 1000), ("q=1.000", 1000), ("Q=0.5", 500),
    ])
    func qualityValuesHaveAtMostThreeDecimalsFromZeroToOne(weight: String, thousandths: Int) {
        #expect(weights("de;\(weight)") == [thousandths], "\(weight)")
    }

    @Test(arguments: [
        "de;q=0.1234", "de;q=1.001", "de;q=1.5", "de;q=2", "de;q=.5", "de;q=", "de;q", "de;q=-1", "de;q=0,5",
        "de;q=0x1", "de;q=1e0", "de; q = 0.5", "de;q =0.5", "de;q= 0.5", "de;level=1", "de;q=0.5;q=0.4", "de;",
        "de;;q=0.5", "de;q=0.5 x",
    ])
    func aBadWeightMakesTheWholeFieldMalformed(value: String) {
        #expect(parsed(value) == nil, "\(value)")
        #expect(parsed("en, " + value) == nil, "one bad element spoils the field: \(value)")
    }

    @Test func whitespaceAroundTheSemicolonAndCommasIsAllowed() {
        #expect(weights("de ; q=0.5") == [500])
        #expect(weights("de\t;\tq=0.5") == [500])
        #expect(weights("  de ,\ten ") == [1000, 1000])
    }

    @Test(arguments: [
        "d1", "1de", "de_DE", "de-", "-de", "de--CH", "abcdefghi", "de-abcdefghi", "*-CH", "de-*", "**", "\"de\"",
        "de CH", "dé", "de/CH", "x;", ";q=1",
    ])
    func aRangeOutsideRFC4647IsMalformed(value: String) {
        #expect(parsed(value) == nil, "\(value)")
    }

    @Test(arguments: ["de", "de-CH", "de-DE-1996", "abcdefgh", "abcdefgh-12345678", "sgn-CH-de", "x-klingon", "*"])
    func rangesOfRFC4647AreRead(value: String) {
        #expect(parsed(value)?.preferences.count == 1, "\(value)")
    }

    @Test func emptyElementsAndAnEmptyValueAreAllowedAndPreferNothing() {
        #expect(weights(", de, ,en,") == [1000, 1000])
        #expect(weights("") == [])
        #expect(chosen("") == "none")
        #expect(chosen(" , ") == "none")
    }

    @Test func tagsAreMatchedWithoutRegardToCase() {
        #expect(chosen("DE") == "de")
        #expect(chosen("De-ch") == "de")
        #expect(chosen("EN;q=0.2, dE;q=0.1") == "en")
    }

    @Test func aRangeWithSubtagsNamesItsPrimaryLanguage() {
        #expect(chosen("de-DE") == "de")
        #expect(chosen("de-CH;q=0.9, en;q=0.8") == "de")
        #expect(chosen("en-GB;q=0.9, de;q=0.8") == "en")
        // A range names a language only as a whole subtag: "d" is not German, "deu" is another tag.
        #expect(chosen("d") == "none")
        #expect(chosen("deu") == "none")
    }

    @Test func theHighestWeightWinsWhateverTheOrder() {
        #expect(chosen("en;q=0.5, de") == "de")
        #expect(chosen("de;q=0.001, en;q=0.002") == "en")
        #expect(chosen("fr, de;q=0.7, en;q=0.3") == "de")
    }

    @Test func equalWeightsGoToTheRangeSentFirst() {
        #expect(chosen("de, en") == "de")
        #expect(chosen("en, de") == "en")
        #expect(chosen("de;q=0.5, en;q=0.5") == "de")
    }

    @Test func aTagTakesTheHighestWeightOfTheRangesNamingIt() {
        #expect(parsed("de;q=0.2, de-CH;q=0.9")?.weight(of: "de")?.weight == 900)
        #expect(chosen("de;q=0.2, en;q=0.5, de-CH;q=0.9") == "de")
    }

    @Test func theWildcardGivesItsWeightToEveryTagNoOtherRangeNames() {
        #expect(chosen("*") == "en", "a tie within one range goes to the first tag, the default")
        #expect(chosen("de;q=0.5, *") == "en")
        #expect(chosen("de;q=0.5, *;q=0.4") == "de")
        #expect(chosen("fr, *;q=0.1") == "en")
        #expect(parsed("*;q=0.3")?.weight(of: "de")?.weight == 300)
        #expect(parsed("fr")?.weight(of: "de") == nil)
    }

    @Test func weightZeroExcludes() {
        #expect(chosen("de;q=0") == "none")
        #expect(chosen("en;q=0, de") == "de")
        #expect(chosen("de;q=0, *") == "en")
        #expect(chosen("*;q=0") == "none")
        #expect(chosen("en;q=0, *;q=0") == "none")
        #expect(chosen("*;q=0, de;q=0.1") == "de")
    }

    @Test func unknownLanguagesAreAcceptableToNoTag() {
        #expect(chosen("fr") == "none")
        #expect(chosen("fr-CA, ja;q=0.5") == "none")
    }
}
