/// A language the service can say its `detail` sentences in: one bundle, one column of the message table.
///
/// English is the default, and its text is the contract's, byte for byte (`account not found`). Adding a
/// language is a case here and a column in ``LocalizedText`` (and in `ATMAPI.APIError`'s table): the
/// compiler then names every sentence that still needs translating. The daemon never sees a language; it
/// answers error codes, and the handler renders them in the language the client asked for.
public enum Language: Sendable, Hashable, CaseIterable {
    case english
    case german

    /// The language tag written in `Content-Language` and matched against `Accept-Language` (RFC 5646).
    public var tag: StaticString {
        switch self {
        case .english: return "en"
        case .german: return "de"
        }
    }

    /// The tags of ``allCases``, in that order (the default first): what `Accept-Language` is matched against.
    public static let tags: [StaticString] = ["en", "de"]
}

extension Language {
    /// The argument for this language, the only one evaluated: a row of the message table whose sentence has
    /// a value in it (`method not allowed; use \(allow)`). A new language is a new parameter, so the compiler
    /// names every row still to translate.
    public func choose<Text>(english: @autoclosure () -> Text, german: @autoclosure () -> Text) -> Text {
        switch self {
        case .english: return english()
        case .german: return german()
        }
    }
}
