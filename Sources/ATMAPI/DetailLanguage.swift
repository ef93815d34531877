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
        language = Language.allCases[index]
    }
}

extension HTTPResponse {
    /// Marks a negotiated response: `Content-Language` names the language its `detail` is in (RFC 9110
    /// §8.5) and `Vary: Accept-Language` says the field chose it (RFC 9110 §12.5.5).
    public mutating func announceLanguage(_ language: Language) {
        var tag: [UInt8] = []
        tag.append(ascii: language.tag)
        extraFields.append(HTTPField(name: "Content-Language", value: tag))
        extraFields.append(HTTPField(name: "Vary", value: Array("Accept-Language".utf8)))
    }
}
