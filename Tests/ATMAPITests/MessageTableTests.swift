import ATMAPI
import ATMCore
import ATMJSON
import ATMMoney
import ATMProtocol
import HTTP1
import Testing

/// The message table in each bundle: English exactly as before languages, German for every row, and the
/// headers that say which one a response is in.
@Suite struct MessageTableTests {
    /// Every row of the table at least once, with the English it said before languages existed.
    static let rows: [(APIError, String)] = [
        (.read(.malformed(.bareCarriageReturn)), "malformed request: a bare CR is not allowed"),
        (.read(.malformed(.hostShape)), "malformed request: the Host header must be host[:port] (RFC 9112 §3.2)"),
        (.read(.requestTimeout), "the request did not arrive in time"),
        (.read(.bodyTooLarge(limit: 4096)), "the request body is larger than 4096 bytes"),
        (.read(.targetTooLong(limit: 8192)), "the request line is longer than 8192 bytes"),
        (.read(.headersTooLarge(limit: 16384)), "the header section is larger than 16384 bytes"),
        (.read(.methodNotImplemented), "this method is not implemented"),
        (.read(.transferCodingNotImplemented), "only the chunked transfer coding is supported"),
        (.read(.versionNotSupported), "only HTTP/1.1 and HTTP/1.0 are supported"),
        (.lengthRequired, "a POST needs a Content-Length or a chunked body"),
        (.unsupportedMediaType, "the body must be application/json"),
        (.expectationFailed, "only the expectation 100-continue is supported"),
        (.notFound, "not found"),
        (.methodNotAllowed(allow: "GET, HEAD"), "method not allowed; use GET, HEAD"),
        (.invalidBody(.empty(.amount)), #"the request body is empty; send a JSON object like {"amount":"10.50"}"#),
        (
            .invalidBody(.notJSON(JSONError(.unexpectedEnd, at: 1), .transfer)),
            #"the request body is not valid JSON (malformed JSON: the document ends too early); send a JSON object like {"to_account":"1002","amount":"5.00"}"#
        ),
        (
            .invalidBody(.notAnObject(.array, .amount)),
            #"the request body must be a JSON object like {"amount":"10.50"}, not an array"#
        ),
        (.invalidBody(.missing(.amount, .amount)), #"the field "amount" is required, like {"amount":"10.50"}"#),
        (
            .invalidBody(.missing(.toAccount, .transfer)),
            #"the field "to_account" is required, like {"to_account":"1002","amount":"5.00"}"#
        ),
        (.invalidBody(.repeated(.amount)), #"the field "amount" appears more than once"#),
        (
            .invalidBody(.invalidDestination),
            #"invalid to_account: it must be a JSON string of 1 to 32 digits, like "1002""#
        ),
        (
            .invalidBody(.amountNotAString(.number)),
            #"invalid amount: it must be a JSON string like "10.50", not a number"#
        ),
        (.invalidBody(.amountNotAString(.null)), #"invalid amount: it must be a JSON string like "10.50", not null"#),
        (.invalidQuery(.badEscape), "the query is not validly percent-encoded"),
        (.invalidQuery(.limitRepeated), "limit may appear only once"),
        (.invalidQuery(.limitOutOfRange(maximum: 100)), "limit must be a whole number from 1 to 100"),
        (.invalidQuery(.beforeRepeated), "before may appear only once"),
        (.invalidQuery(.beforeInvalid), "before must be the id of a transaction from an earlier page"),
        (.invalidQuery(.limitOutOfRange(maximum: 10000)), "limit must be a whole number from 1 to 10000"),
        (.invalidQuery(.afterRepeated), "after may appear only once"),
        (.invalidQuery(.afterInvalid), "after must be an account number (the next of an earlier page)"),
        (.notReady("not ready: the database is unreachable"), "not ready: the database is unreachable"),
        (.invalidAmount(.empty), "invalid amount: it is empty; \(amountShape)"),
        (.invalidAmount(.tooLong), "invalid amount: it is too long; \(amountShape)"),
        (
            .invalidAmount(.invalidCharacter),
            "invalid amount: only the digits 0-9 and one '.' are allowed; \(amountShape)"
        ),
        (.invalidAmount(.missingWholeDigits), "invalid amount: a digit must come before the '.'; \(amountShape)"),
        (.invalidAmount(.missingFractionDigits), "invalid amount: a digit must follow the '.'; \(amountShape)"),
        (.invalidAmount(.tooManyFractionDigits), "invalid amount: at most two decimals are allowed; \(amountShape)"),
        (.invalidAmount(.notPositive), "invalid amount: it must be greater than zero; \(amountShape)"),
        (.invalidAmount(.tooLarge), "invalid amount: it must be at most 1000000000000.00; \(amountShape)"),
        (.invalidIdempotencyKey, "invalid Idempotency-Key header"),
        (.misconfigured, "the server is misconfigured; see its log"),
        (.tooManyRequests(retryAfterSeconds: 3), "too many requests"),
        (.unexpectedStateReply, "the state service answered unexpectedly; see the server log"),
    ]

    static let amountShape = #"an amount is a string of digits with up to two decimals, like "10.50""#

    /// The rows with ErrorCode's, which the table in ATMCore gives (its English is pinned by ErrorCodeTests).
    static var everyError: [APIError] {
        rows.map(\.0) + ErrorCode.allCases.map { APIError.refused($0) }
            + FramingRule.allCases.map { APIError.malformed($0) }
    }

    private func head(acceptLanguage: String?, method: HTTPRequestHead.Method = .GET) -> HTTPRequestHead {
        var fields: [HTTPRequestHead.Field] = [HTTPRequestHead.Field(name: Array("host".utf8), value: Array("a".utf8))]
        if let acceptLanguage {
            fields.append(
                HTTPRequestHead.Field(name: Array("accept-language".utf8), value: Array(acceptLanguage.utf8)))
        }
        return HTTPRequestHead(method: method, path: Array("/x".utf8), version: .http11, fields: fields)
    }

    private func text(_ response: HTTPResponse) -> String {
        String(decoding: response.serialized(date: HTTPDate(secondsSinceEpoch: 0)), as: UTF8.self)
    }

    private func detail(_ response: HTTPResponse) -> String? {
        guard case .object(let members) = try? JSONParser.parse(response.body),
            case .string(let bytes) = members.first(where: { $0.key == Array("detail".utf8) })?.value
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func englishIsTheTextFromBeforeLanguagesByteForByte() {
        for (error, english) in Self.rows {
            #expect(error.detail == english, "\(error)")
            #expect(error.detail(in: .english) == english, "\(error)")
            #expect(detail(error.response) == english, "\(error)")
        }
    }

    @Test(arguments: everyError)
    func everyRowHasAGermanSentenceOfItsOwn(error: APIError) {
        let german = error.detail(in: .german)
        #expect(!german.isEmpty)
        #expect(german != error.detail, "\(error): untranslated")
    }

    @Test func distinctEnglishSentencesStayDistinctInGerman() {
        var english: [String: String] = [:]
        for error in Self.everyError { english[error.detail(in: .german)] = error.detail }
        let distinctEnglish = Set(Self.everyError.map(\.detail))
        #expect(english.count == distinctEnglish.count, "two sentences got one translation")
    }

    @Test func everyAmountRefusalSaysWhatAnAmountLooksLikeInEachLanguage() {
        let reasons: [MoneyError] = [
            .empty, .tooLong, .invalidCharacter, .missingWholeDigits, .missingFractionDigits, .tooManyFractionDigits,
            .notPositive, .tooLarge,
        ]
        for language in Language.allCases {
            let sentences = reasons.map { APIError.invalidAmount($0).detail(in: language) }
            #expect(sentences.allSatisfy { $0.contains(#""10.50""#) }, "\(language)")
            #expect(Set(sentences).count == reasons.count, "\(language)")
        }
        #expect(
            APIError.invalidAmount(.notPositive).detail(in: .german)
                == #"ungültiger Betrag: er muss größer als null sein; ein Betrag ist eine Zeichenkette aus Ziffern mit höchstens zwei Nachkommastellen, etwa "10.50""#
        )
    }

    @Test(arguments: everyError)
    func aRequestWithoutAcceptLanguageGetsTheResponseOfBefore(error: APIError) {
        let response = error.negotiatedResponse(for: head(acceptLanguage: nil))
        #expect(response == error.response)
        #expect(error.negotiatedResponse(for: nil) == error.response)
        #expect(!text(response).contains("Content-Language"))
        #expect(!text(response).contains("Vary"))
    }

    @Test func germanIsSaidAndAnnouncedWhenAsked() {
        let response = APIError.accountNotFound.negotiatedResponse(for: head(acceptLanguage: "de-CH;q=0.9, en;q=0.8"))
        #expect(response.status == .notFound)
        #expect(detail(response) == "Konto nicht gefunden")
        #expect(text(response).contains("\r\nContent-Language: de\r\nVary: Accept-Language\r\n"))
    }

    @Test(arguments: ["en", "fr", "de;q=1.5", "de;q=0", "*;q=0", "", "*", "de_DE"])
    func englishIsSaidAndAnnouncedWhenNoGermanIsAskedFor(acceptLanguage: String) {
        let response = APIError.insufficientFunds.negotiatedResponse(for: head(acceptLanguage: acceptLanguage))
        #expect(detail(response) == "insufficient funds", "\(acceptLanguage)")
        #expect(text(response).contains("\r\nContent-Language: en\r\nVary: Accept-Language\r\n"), "\(acceptLanguage)")
    }

    @Test func aFramingRuleIsSaidInGermanToo() {
        let response = APIError.malformed(.requestEndedEarly).negotiatedResponse(for: head(acceptLanguage: "de"))
        #expect(detail(response) == "fehlerhafte Anfrage: die Anfrage endete vorzeitig")
        #expect(APIError.malformed(.requestEndedEarly).detail == "malformed request: the request ended early")
        #expect(text(response).contains("\r\nContent-Language: de\r\n"))
    }

    @Test func everyFramingRuleHasItsOwnSentenceInEachLanguage() {
        for language in Language.allCases {
            let sentences = FramingRule.allCases.map { APIError.malformed($0).detail(in: language) }
            #expect(Set(sentences).count == FramingRule.allCases.count, "\(language)")
        }
    }

    @Test func theHeadersSpecificToAStatusStayInEachLanguage() {
        let german = head(acceptLanguage: "de")
        let unavailable = text(APIError.stateUnavailable.negotiatedResponse(for: german))
        #expect(unavailable.contains("Retry-After: 1") && unavailable.contains("Zustandsdienst nicht verfügbar"))
        let limited = text(APIError.tooManyRequests(retryAfterSeconds: 7).negotiatedResponse(for: german))
        #expect(limited.contains("Retry-After: 7") && limited.contains("zu viele Anfragen"))
        let notAllowed = text(APIError.methodNotAllowed(allow: "POST").negotiatedResponse(for: german))
        #expect(notAllowed.contains("Allow: POST") && notAllowed.contains("Methode nicht erlaubt; verwenden Sie POST"))
        let unauthenticated = text(APIError.authenticationRequired.negotiatedResponse(for: german))
        #expect(unauthenticated.contains("WWW-Authenticate: TLS-Client-Certificate"))
        #expect(unauthenticated.contains("Authentifizierung erforderlich"))
    }

    @Test func aDaemonsCodeIsRenderedInTheAskedLanguageByTheHandler() {
        let german = head(acceptLanguage: "de")
        let refusal = StateReply.error(ProtocolError(.insufficientFunds))
        #expect(detail(refusal.negotiatedResponse(for: german)) == "Guthaben nicht ausreichend")
        #expect(refusal.negotiatedResponse(for: nil) == refusal.response)
        let replayed = text(StateReply.replayed(refusal).negotiatedResponse(for: german))
        #expect(replayed.contains("Guthaben nicht ausreichend"))
        #expect(replayed.contains("\r\nContent-Language: de\r\nVary: Accept-Language\r\nIdempotent-Replayed: true\r\n"))
        let limited = StateReply.error(ProtocolError(.rateLimited, "12 too many requests")).negotiatedResponse(
            for: german)
        #expect(text(limited).contains("Retry-After: 12") && detail(limited) == "zu viele Anfragen")
    }

    @Test func aBalanceHasNoSentenceAndNeitherHeader() {
        let balance = StateReply.balance(AccountNumber(Array("1001".utf8))!, Money(cents: 100))
        let response = balance.negotiatedResponse(for: head(acceptLanguage: "de"))
        #expect(response == balance.response)
        #expect(!text(response).contains("Content-Language") && !text(response).contains("Vary"))
    }

    @Test func manyAcceptLanguageLinesAreOneList() {
        var negotiated = head(acceptLanguage: "fr")
        negotiated.fields.append(
            HTTPRequestHead.Field(name: Array("accept-language".utf8), value: Array("de;q=0.5".utf8)))
        #expect(DetailLanguage(negotiatingFor: negotiated)?.language == .german)
        #expect(DetailLanguage(negotiatingFor: head(acceptLanguage: nil)) == nil)
        #expect(DetailLanguage(negotiatingFor: nil) == nil)
    }
}
