import ATMCore
import Testing

/// The bundles of the one error table: English as the contract says it, German for every code.
@Suite struct LanguageBundleTests {
    @Test func theTagsAreTheLanguagesInOrderWithEnglishFirst() {
        #expect(Language.tags.map(\.description) == Language.allCases.map(\.tag.description))
        #expect(Language.allCases.first == .english)
        #expect(Language.english.tag.description == "en" && Language.german.tag.description == "de")
    }

    @Test(arguments: ErrorCode.allCases)
    func everyCodeHasAGermanSentenceOfItsOwn(code: ErrorCode) {
        let row = code.described.httpDetail
        #expect(!row.german.description.isEmpty)
        #expect(row.german.description != row.english.description, "\(code): untranslated")
        #expect(row.text(in: .english).description == row.english.description)
        #expect(row.text(in: .german).description == row.german.description)
    }

    @Test func theGermanSentencesAreTheOnesWritten() {
        #expect(ErrorCode.notFound.described.httpDetail.german.description == "Konto nicht gefunden")
        #expect(ErrorCode.insufficientFunds.described.httpDetail.german.description == "Guthaben nicht ausreichend")
        #expect(ErrorCode.busy.described.httpDetail.german.description == "Zustandsdienst nicht verfügbar")
    }

    @Test func distinctEnglishSentencesStayDistinctInGerman() {
        var german: [String: String] = [:]
        for code in ErrorCode.allCases {
            let row = code.described.httpDetail
            if let seen = german[row.english.description] {
                #expect(seen == row.german.description, "\(code)")
            }
            german[row.english.description] = row.german.description
        }
        #expect(Set(german.values).count == german.count, "two English sentences share one German one")
    }

    @Test func chooseEvaluatesOnlyTheChosenLanguage() {
        var evaluated: [String] = []
        func text(_ name: String) -> String {
            evaluated.append(name)
            return name
        }
        #expect(Language.german.choose(english: text("en"), german: text("de")) == "de")
        #expect(evaluated == ["de"])
    }
}
