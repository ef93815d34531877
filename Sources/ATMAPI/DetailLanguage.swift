import ATMBytes
import ATMCore
import HTTP1

/// The language a response's `detail` is said in, negotiated from the request's `Accept-Language`
/// (RFC 9110 §12.5.4; docs/http-api.md, Languages).
///
/// A request without the field did not negotiate: there is no `DetailLanguage`, and the response is in
/// English without `Content-Language` or `Vary`, byte for byte what it was before languages existed. A
/// field that is malformed, names no language the service has, or excludes them all (`q=0`) is answered
/// in English, the default, and says so. Only error responses carry a sentence, so only they negotiate:
/// the field is never read on the way to a 200.
public struct DetailLanguage: Sendable, Hashable {
    public let language: Language

    /// The language `head`'s `Accept-Language` picks; `nil` without the field (or without a head).
    public init?(negotiatingFor head: HTTPRequestHead?) {
        guard let value = head?.value(of: "accept-language") else { return nil }
        let index = AcceptLanguage(value)?.preferred(among: Language.tags) ?? 0
        language = Self.languages[index]
    }

    /// ``Language/allCases`` made once: the synthesized property builds a new array on every call.
    fileprivate static let languages = Language.allCases

    /// `Content-Language` for each language and `Vary`, made once: a negotiated error allocates no field.
    fileprivate static let contentLanguageFields = Language.allCases.map { language in
        var tag: [UInt8] = []
        tag.append(ascii: language.tag)
        return HTTPField(name: "Content-Language", value: tag)
    }
    fileprivate static let varyField = HTTPField(name: "Vary", value: Array("Accept-Language".utf8))
}

extension HTTPResponse {
    /// Marks a negotiated response: `Content-Language` names the language its `detail` is in (RFC 9110
    /// §8.5) and `Vary: Accept-Language` says the field chose it (RFC 9110 §12.5.5).
    public mutating func announceLanguage(_ language: Language) {
        let index = DetailLanguage.languages.firstIndex(of: language) ?? 0
        // Room for X-Request-ID, which the handler appends next.
        extraFields.reserveCapacity(extraFields.count + 3)
        extraFields.append(DetailLanguage.contentLanguageFields[index])
        extraFields.append(DetailLanguage.varyField)
    }
}
