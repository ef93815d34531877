/// One sentence of the message table in every ``Language``: a row's bundles side by side.
///
/// A literal per language, so picking one on the request path allocates nothing; a missing translation
/// is a compile error, not an English sentence slipping out under `Content-Language: de`.
public struct LocalizedText: Sendable {
    public let english: StaticString
    public let german: StaticString

    public init(english: StaticString, german: StaticString) {
        self.english = english
        self.german = german
    }

    /// The sentence in `language`.
    public func text(in language: Language) -> StaticString {
        switch language {
        case .english: return english
        case .german: return german
        }
    }
}
