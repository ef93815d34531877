import ATMCore
import HTTP1

/// The message table's rows for a request the codec refused: each limit and each framing rule, in every
/// language (``APIError``'s `outcome(in:)` is the table's one switch and calls these).
extension APIError {
    /// A codec failure: the framing rule it broke, or the limit it passed.
    static func detail(of error: HTTPReadError, in language: Language) -> String {
        switch error {
        case .malformed(let rule):
            return language.choose(
                english: "malformed request: \(detail(of: rule, in: language))",
                german: "fehlerhafte Anfrage: \(detail(of: rule, in: language))")
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

    /// The framing rule a request broke, as the sentence after `malformed request: `.
    static func detail(of rule: FramingRule, in language: Language) -> String {
        switch rule {
        case .requestLineShape:
            return language.choose(
                english: "the request line must be METHOD SP target SP HTTP-version",
                german: "die Anfragezeile muss METHODE SP Ziel SP HTTP-Version lauten")
        case .versionShape:
            return language.choose(
                english: "the HTTP version must look like HTTP/1.1",
                german: "die HTTP-Version muss wie HTTP/1.1 aussehen")
        case .targetByte:
            return language.choose(
                english: "the request target contains a byte that is not allowed",
                german: "das Anfrageziel enthält ein nicht erlaubtes Byte")
        case .targetFragment:
            return language.choose(
                english: "a request target never contains a fragment (#)",
                german: "ein Anfrageziel enthält nie ein Fragment (#)")
        case .targetForm:
            return language.choose(
                english: "the request target must be a path or an absolute http URL",
                german: "das Anfrageziel muss ein Pfad oder eine absolute http-URL sein")
        case .userInformation:
            return language.choose(
                english: "the absolute URL carries user information, which is not allowed",
                german: "die absolute URL enthält Benutzerinformationen, was nicht erlaubt ist")
        case .authorityShape:
            return language.choose(
                english: "the absolute URL's authority is not host[:port]",
                german: "die Authority der absoluten URL hat nicht die Form host[:port]")
        case .authorityWithoutHost:
            return language.choose(
                english: "the absolute URL has no host",
                german: "die absolute URL hat keinen Host")
        case .obsoleteLineFolding:
            return language.choose(
                english: "obsolete line folding is not allowed",
                german: "veraltete Zeilenfaltung (obs-fold) ist nicht erlaubt")
        case .fieldWithoutColon:
            return language.choose(
                english: "a header line has no colon",
                german: "einer Header-Zeile fehlt der Doppelpunkt")
        case .whitespaceBeforeColon:
            return language.choose(
                english: "whitespace between a header name and its colon is not allowed",
                german: "Leerraum zwischen einem Header-Namen und seinem Doppelpunkt ist nicht erlaubt")
        case .fieldNameCharacter:
            return language.choose(
                english: "a header name contains a character that is not allowed",
                german: "ein Header-Name enthält ein nicht erlaubtes Zeichen")
        case .fieldValueControl:
            return language.choose(
                english: "a header value contains a control character",
                german: "ein Header-Wert enthält ein Steuerzeichen")
        case .hostRepeated:
            return language.choose(
                english: "the Host header appears more than once",
                german: "der Host-Header kommt mehr als einmal vor")
        case .hostMissing:
            return language.choose(
                english: "an HTTP/1.1 request needs a Host header",
                german: "eine HTTP/1.1-Anfrage braucht einen Host-Header")
        case .hostShape:
            return language.choose(
                english: "the Host header must be host[:port] (RFC 9112 §3.2)",
                german: "der Host-Header muss die Form host[:port] haben (RFC 9112 §3.2)")
        case .lengthWithTransferEncoding:
            return language.choose(
                english: "Content-Length and Transfer-Encoding cannot both be sent",
                german: "Content-Length und Transfer-Encoding dürfen nicht zusammen gesendet werden")
        case .transferEncodingInHTTP10:
            return language.choose(
                english: "Transfer-Encoding is not allowed in HTTP/1.0",
                german: "Transfer-Encoding ist in HTTP/1.0 nicht erlaubt")
        case .lengthRepeated:
            return language.choose(
                english: "Content-Length appears more than once",
                german: "Content-Length kommt mehr als einmal vor")
        case .lengthNotDecimal:
            return language.choose(
                english: "Content-Length must be a decimal number",
                german: "Content-Length muss eine Dezimalzahl sein")
        case .codingList:
            return language.choose(
                english: "Transfer-Encoding must be a list of transfer codings",
                german: "Transfer-Encoding muss eine Liste von Transfer-Kodierungen sein")
        case .lastCodingNotChunked:
            return language.choose(
                english: "the last transfer coding must be chunked",
                german: "die letzte Transfer-Kodierung muss chunked sein")
        case .chunkedTwice:
            return language.choose(
                english: "chunked may be applied only once",
                german: "chunked darf nur einmal angewendet werden")
        case .chunkLineTooLong:
            return language.choose(
                english: "a chunk-size line is too long",
                german: "eine Zeile mit einer Chunk-Größe ist zu lang")
        case .chunkDataEnd:
            return language.choose(
                english: "chunk data must end with CRLF",
                german: "Chunk-Daten müssen mit CRLF enden")
        case .chunkSizeNotHexadecimal:
            return language.choose(
                english: "a chunk size must be hexadecimal digits",
                german: "eine Chunk-Größe muss aus Hexadezimalziffern bestehen")
        case .chunkSizeTrailer:
            return language.choose(
                english: "a chunk size is followed by something other than an extension",
                german: "auf eine Chunk-Größe folgt etwas anderes als eine Erweiterung")
        case .nothingSent:
            return language.choose(
                english: "no request was sent",
                german: "es wurde keine Anfrage gesendet")
        case .headEndedEarly:
            return language.choose(
                english: "the request head ended early",
                german: "der Kopf der Anfrage endete vorzeitig")
        case .bodyShorterThanDeclared:
            return language.choose(
                english: "the body is shorter than declared",
                german: "der Body ist kürzer als angegeben")
        case .bareCarriageReturn:
            return language.choose(
                english: "a bare CR is not allowed",
                german: "ein alleinstehendes CR ist nicht erlaubt")
        case .requestEndedEarly:
            return language.choose(
                english: "the request ended early",
                german: "die Anfrage endete vorzeitig")
        }
    }
}
