import ATMCore
import ATMJSON
import ATMMoney
import ATMProtocol
import HTTP1

/// Every way a request can fail, each mapped to its status and its `{"detail": …}` sentence in one place.
///
/// A failure of the HTTP/1.1 codec arrives as ``read(_:)`` and keeps the status and sentence the codec
/// gives it; everything the API itself decides is a case of its own.
public enum APIError: Error, Sendable, Hashable {
    /// The request could not be read (framing, syntax, a limit, the deadline).
    case read(HTTPReadError)
    case lengthRequired
    case unsupportedMediaType
    case expectationFailed
    case notFound
    case methodNotAllowed(allow: String)
    case invalidBody(BodyProblem)
    /// A query parameter the route takes has a bad value, or appears twice.
    case invalidQuery(QueryProblem)
    case invalidAmount(MoneyError)
    case invalidIdempotencyKey
    case misconfigured
    /// Refused for a reason in the one table of error codes, which gives its status and sentence: by the daemon,
    /// or by the API itself for the same reason before asking (an account segment that names no account, a
    /// transfer to the same account, a daemon that cannot be reached).
    case refused(ErrorCode)
    /// Over the client's rate limit (``ErrorCode/rateLimited``); retry after that many seconds.
    case tooManyRequests(retryAfterSeconds: Int)
    /// The daemon answered something this handler does not expect: a bug on our side, logged.
    case unexpectedStateReply

    public static let accountNotFound = APIError.refused(.notFound)
    public static let destinationNotFound = APIError.refused(.destinationNotFound)
    public static let insufficientFunds = APIError.refused(.insufficientFunds)
    public static let balanceLimitExceeded = APIError.refused(.limitExceeded)
    public static let sameAccount = APIError.refused(.sameAccount)
    public static let idempotencyKeyInProgress = APIError.refused(.keyInProgress)
    public static let idempotencyKeyReused = APIError.refused(.keyReused)
    /// The change was certainly not applied: retrying is safe (docs/http-api.md, Statuses).
    public static let stateUnavailable = APIError.refused(.unavailable)
    /// The change was handed to the daemon and no answer came: it may or may not have been applied.
    public static let outcomeUnknown = APIError.refused(.unknown)
    /// The access policy needs a client certificate for this and the request came without one.
    public static let authenticationRequired = APIError.refused(.unauthenticated)
    /// The client's identity may not do this (the access policy).
    public static let notAllowed = APIError.refused(.forbidden)

    /// Shorthand for a framing failure decided above the reader (a request cut short).
    public static func malformed(_ rule: String) -> APIError { .read(.malformed(rule)) }

    public var status: HTTPStatus { outcome(in: .english).status }

    /// The sentence in English, the default: the contract's text.
    public var detail: String { outcome(in: .english).detail }

    /// The sentence in `language`.
    public func detail(in language: Language) -> String { outcome(in: language).detail }

    /// The status and sentence of every case in every language, in the one switch: with ``ErrorCode``'s
    /// table, the message table of everything the API says (docs/http-api.md, Languages).
    ///
    /// Each row gives its sentence in each language side by side; a language is added by a parameter of
    /// ``Language/choose(english:german:)``, which makes the compiler name every row still to translate.
    /// Only a framing rule of the codec (``HTTPReadError/malformed(_:)``, RFC 9112 wording for the few
    /// clients that break it) is said in English in every language, and the response says so in
    /// `Content-Language` (the third member).
    private func outcome(in language: Language) -> (status: HTTPStatus, detail: String, language: Language) {
        switch self {
        case .read(let error):
            let said: Language = if case .malformed = error { .english } else { language }
            return (error.status, Self.detail(of: error, in: said), said)
        case .lengthRequired:
            return (
                .lengthRequired,
                language.choose(
                    english: "a POST needs a Content-Length or a chunked body",
                    german: "ein POST braucht eine Content-Length oder einen Body mit chunked-Kodierung"),
                language
            )
        case .unsupportedMediaType:
            return (
                .unsupportedMediaType,
                language.choose(
                    english: "the body must be application/json", german: "der Body muss application/json sein"),
                language
            )
        case .expectationFailed:
            return (
                .expectationFailed,
                language.choose(
                    english: "only the expectation 100-continue is supported",
                    german: "nur die Erwartung 100-continue wird unterstützt"),
                language
            )
        case .notFound: return (.notFound, language.choose(english: "not found", german: "nicht gefunden"), language)
        case .methodNotAllowed(let allow):
            return (
                .methodNotAllowed,
                language.choose(
                    english: "method not allowed; use \(allow)", german: "Methode nicht erlaubt; verwenden Sie \(allow)"
                ),
                language
            )
        case .invalidBody(let problem): return (.badRequest, Self.detail(of: problem, in: language), language)
        case .invalidQuery(let problem): return (.badRequest, Self.detail(of: problem, in: language), language)
        case .invalidAmount(let error): return (.badRequest, Self.detail(of: error, in: language), language)
        case .invalidIdempotencyKey:
            return (
                .badRequest,
                language.choose(
                    english: "invalid Idempotency-Key header", german: "ungültiger Idempotency-Key-Header"),
                language
            )
        case .misconfigured:
            return (
                .internalServerError,
                language.choose(
                    english: "the server is misconfigured; see its log",
                    german: "der Server ist falsch konfiguriert; Einzelheiten stehen in seinem Protokoll"),
                language
            )
        case .refused(let code): return Self.tabled(code, in: language)
        case .tooManyRequests: return Self.tabled(.rateLimited, in: language)
        case .unexpectedStateReply:
            return (
                .internalServerError, String(describingStatic: ErrorCode.unexpectedDetail.text(in: language)), language
            )
        }
    }

    /// The status and sentence the one table gives `code`.
    private static func tabled(
        _ code: ErrorCode, in language: Language
    ) -> (status: HTTPStatus, detail: String, language: Language) {
        let row = code.described
        return (
            HTTPStatus(code: row.httpStatus) ?? .internalServerError,
            String(describingStatic: row.httpDetail.text(in: language)), language
        )
    }

    /// A codec failure other than a framing rule, naming the limit it passed.
    private static func detail(of error: HTTPReadError, in language: Language) -> String {
        switch error {
        case .malformed(let rule): return "malformed request: \(rule)"  // English only: see outcome(in:)
        case .requestTimeout:
            return language.choose(
                english: "the request did not arrive in time", german: "die Anfrage ist nicht rechtzeitig eingetroffen")
        case .bodyTooLarge(let limit):
            return language.choose(
                english: "the request body is larger than \(limit) bytes",
                german: "der Body der Anfrage ist größer als \(limit) Bytes")
        case .targetTooLong(let limit):
            return language.choose(
                english: "the request line is longer than \(limit) bytes",
                german: "die Anfragezeile ist länger als \(limit) Bytes")
        case .headersTooLarge(let limit):
            return language.choose(
                english: "the header section is larger than \(limit) bytes",
                german: "der Header-Abschnitt ist größer als \(limit) Bytes")
        case .methodNotImplemented:
            return language.choose(
                english: "this method is not implemented", german: "diese Methode ist nicht implementiert")
        case .transferCodingNotImplemented:
            return language.choose(
                english: "only the chunked transfer coding is supported",
                german: "nur die Transfer-Kodierung chunked wird unterstützt")
        case .versionNotSupported:
            return language.choose(
                english: "only HTTP/1.1 and HTTP/1.0 are supported",
                german: "nur HTTP/1.1 und HTTP/1.0 werden unterstützt")
        }
    }

    /// Which rule of the money grammar an amount broke, and what an amount must look like.
    private static func detail(of error: MoneyError, in language: Language) -> String {
        let rule: String
        switch error {
        case .empty: rule = language.choose(english: "it is empty", german: "er ist leer")
        case .tooLong: rule = language.choose(english: "it is too long", german: "er ist zu lang")
        case .invalidCharacter:
            rule = language.choose(
                english: "only the digits 0-9 and one '.' are allowed",
                german: "erlaubt sind nur die Ziffern 0-9 und ein '.'")
        case .missingWholeDigits:
            rule = language.choose(
                english: "a digit must come before the '.'", german: "vor dem '.' muss eine Ziffer stehen")
        case .missingFractionDigits:
            rule = language.choose(
                english: "a digit must follow the '.'", german: "nach dem '.' muss eine Ziffer folgen")
        case .tooManyFractionDigits:
            rule = language.choose(
                english: "at most two decimals are allowed", german: "erlaubt sind höchstens zwei Nachkommastellen")
        case .notPositive:
            rule = language.choose(english: "it must be greater than zero", german: "er muss größer als null sein")
        case .tooLarge:
            rule = language.choose(
                english: "it must be at most 1000000000000.00", german: "er darf höchstens 1000000000000.00 betragen")
        }
        return language.choose(
            english:
                #"invalid amount: \#(rule); an amount is a string of digits with up to two decimals, like "10.50""#,
            german: #"""
                ungültiger Betrag: \#(rule); ein Betrag ist eine Zeichenkette aus Ziffern mit höchstens zwei \#
                Nachkommastellen, etwa "10.50"
                """#)
    }

    /// What is wrong with a movement's body, quoting what one looks like.
    private static func detail(of problem: BodyProblem, in language: Language) -> String {
        switch problem {
        case .empty(let example):
            return language.choose(
                english: "the request body is empty; send a JSON object like \(example.text)",
                german: "der Body der Anfrage ist leer; senden Sie ein JSON-Objekt wie \(example.text)")
        case .notJSON(let error, let example):
            return language.choose(
                english: "the request body is not valid JSON (\(error)); send a JSON object like \(example.text)",
                german: """
                    der Body der Anfrage ist kein gültiges JSON (\(germanDetail(of: error))); senden Sie ein \
                    JSON-Objekt wie \(example.text)
                    """)
        case .notAnObject(let kind, let example):
            return language.choose(
                english: "the request body must be a JSON object like \(example.text), not \(englishName(of: kind))",
                german: """
                    der Body der Anfrage muss ein JSON-Objekt wie \(example.text) sein, nicht \
                    \(germanName(of: kind))
                    """)
        case .missing(let field, let example):
            return language.choose(
                english: #"the field "\#(field.name)" is required, like \#(example.text)"#,
                german: #"das Feld "\#(field.name)" ist erforderlich, etwa \#(example.text)"#)
        case .repeated(let field):
            return language.choose(
                english: #"the field "\#(field.name)" appears more than once"#,
                german: #"das Feld "\#(field.name)" kommt mehr als einmal vor"#)
        case .invalidDestination:
            return language.choose(
                english: #"invalid to_account: it must be a JSON string of 1 to 32 digits, like "1002""#,
                german: #"ungültiges to_account: es muss ein JSON-String aus 1 bis 32 Ziffern sein, etwa "1002""#)
        case .amountNotAString(let kind):
            return language.choose(
                english: #"invalid amount: it must be a JSON string like "10.50", not \#(englishName(of: kind))"#,
                german: #"ungültiger Betrag: er muss ein JSON-String wie "10.50" sein, nicht \#(germanName(of: kind))"#)
        }
    }

    /// `null`, `a number`, …: as ``JSONValue/kindDescription`` says it.
    private static func englishName(of kind: BodyProblem.Kind) -> String {
        switch kind {
        case .null: return "null"
        case .boolean: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private static func germanName(of kind: BodyProblem.Kind) -> String {
        switch kind {
        case .null: return "null"
        case .boolean: return "ein Wahrheitswert"
        case .number: return "eine Zahl"
        case .string: return "ein String"
        case .array: return "ein Array"
        case .object: return "ein Objekt"
        }
    }

    /// ``JSONError``'s description (the English column, which ATMJSON keeps for its other readers) in German.
    private static func germanDetail(of error: JSONError) -> String {
        let offset = error.offset
        switch error.reason {
        case .unexpectedEnd: return "fehlerhaftes JSON: das Dokument endet zu früh"
        case .unexpectedByte(let byte):
            let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "Byte \(byte)"
            return "fehlerhaftes JSON: unerwartetes \(shown) an Position \(offset)"
        case .invalidUTF8: return "fehlerhaftes JSON: ungültiges UTF-8 an Position \(offset)"
        case .invalidEscape: return "fehlerhaftes JSON: ungültige Escape-Sequenz an Position \(offset)"
        case .controlCharacterInString: return "fehlerhaftes JSON: unmaskiertes Steuerzeichen an Position \(offset)"
        case .invalidNumber: return "fehlerhaftes JSON: ungültige Zahl an Position \(offset)"
        case .tooDeep: return "fehlerhaftes JSON: zu tief verschachtelt"
        case .trailingData: return "fehlerhaftes JSON: zusätzliche Daten nach dem Dokument an Position \(offset)"
        case .notAnObject: return "das Dokument ist kein JSON-Objekt"
        }
    }

    /// What is wrong with a history query.
    private static func detail(of problem: QueryProblem, in language: Language) -> String {
        switch problem {
        case .badEscape:
            return language.choose(
                english: "the query is not validly percent-encoded",
                german: "die Query ist nicht korrekt prozentkodiert")
        case .limitRepeated:
            return language.choose(
                english: "limit may appear only once", german: "limit darf nur einmal vorkommen")
        case .limitOutOfRange:
            return language.choose(
                english: "limit must be a whole number from 1 to \(StateCommand.maximumHistoryLimit)",
                german: "limit muss eine ganze Zahl von 1 bis \(StateCommand.maximumHistoryLimit) sein")
        case .beforeRepeated:
            return language.choose(
                english: "before may appear only once", german: "before darf nur einmal vorkommen")
        case .beforeInvalid:
            return language.choose(
                english: "before must be the id of a transaction from an earlier page",
                german: "before muss die ID einer Transaktion von einer früheren Seite sein")
        }
    }

    /// The response that reports this error, in English and without `Content-Language`: as for a request
    /// that sends no `Accept-Language`.
    public var response: HTTPResponse { response(in: .english, announcing: false) }

    /// The response that reports this error to the request whose head is `head` (`nil`: a request too broken
    /// to have one): in the language its `Accept-Language` picks, with `Content-Language` and
    /// `Vary: Accept-Language` when it sends that field, and exactly ``response`` when it does not.
    public func negotiatedResponse(for head: HTTPRequestHead?) -> HTTPResponse {
        guard let negotiated = DetailLanguage(negotiatingFor: head) else { return response }
        return response(in: negotiated.language, announcing: true)
    }

    /// The response in `language`; `announcing` adds `Content-Language` (the language actually said) and `Vary`.
    private func response(in language: Language, announcing: Bool) -> HTTPResponse {
        let said = outcome(in: language)
        var response = HTTPResponse.detail(said.status, said.detail)
        switch self {
        case .methodNotAllowed(let allow): response.allow = allow
        // CONTRACT.md: a 503 is said only when nothing was applied, and always with Retry-After: 1.
        case .refused(let code) where code.described.httpStatus == 503: response.retryAfterSeconds = 1
        case .tooManyRequests(let seconds): response.retryAfterSeconds = seconds
        case .refused(.unauthenticated):
            // RFC 9110 §15.5.2: a 401 carries a challenge. The credential is a TLS client certificate, not an
            // HTTP one, so the scheme says that; no HTTP credential will ever be accepted.
            response.extraFields.append(
                HTTPField(name: "WWW-Authenticate", value: Array(#"TLS-Client-Certificate realm="atm""#.utf8)))
        default: break
        }
        if announcing { response.announceLanguage(said.language) }
        return response
    }
}

extension String {
    /// The text of a literal.
    init(describingStatic literal: StaticString) {
        self = literal.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }
}
