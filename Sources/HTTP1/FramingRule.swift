/// The rule of RFC 9112 (or of the service's stricter reading of it, docs/http-api.md) that a request broke:
/// the reason of a 400 ``HTTPReadError/malformed(_:)``.
///
/// A value, not a sentence: the codec has no language. `ATMAPI.APIError`'s message table says each rule
/// to the client in its language, and tests and the fuzzer compare rules, not text.
public enum FramingRule: Sendable, Hashable, CaseIterable {
    /// The request line must be METHOD SP target SP HTTP-version.
    case requestLineShape
    /// The HTTP version must look like HTTP/1.1.
    case versionShape
    /// The request target contains a byte that is not allowed.
    case targetByte
    /// A request target never contains a fragment (#)
    case targetFragment
    /// The request target must be a path or an absolute http URL.
    case targetForm
    /// The absolute URL carries user information, which is not allowed.
    case userInformation
    /// The absolute URL's authority is not host[:port].
    case authorityShape
    /// The absolute URL has no host.
    case authorityWithoutHost
    /// Obsolete line folding is not allowed.
    case obsoleteLineFolding
    /// A header line has no colon.
    case fieldWithoutColon
    /// Whitespace between a header name and its colon is not allowed.
    case whitespaceBeforeColon
    /// A header name contains a character that is not allowed.
    case fieldNameCharacter
    /// A header value contains a control character.
    case fieldValueControl
    /// The Host header appears more than once.
    case hostRepeated
    /// An HTTP/1.1 request needs a Host header.
    case hostMissing
    /// The Host header must be host[:port] (RFC 9112 §3.2)
    case hostShape
    /// Content-Length and Transfer-Encoding cannot both be sent.
    case lengthWithTransferEncoding
    /// Transfer-Encoding is not allowed in HTTP/1.0.
    case transferEncodingInHTTP10
    /// Content-Length appears more than once.
    case lengthRepeated
    /// Content-Length must be a decimal number.
    case lengthNotDecimal
    /// Transfer-Encoding must be a list of transfer codings.
    case codingList
    /// The last transfer coding must be chunked.
    case lastCodingNotChunked
    /// Chunked may be applied only once.
    case chunkedTwice
    /// A chunk-size line is too long.
    case chunkLineTooLong
    /// Chunk data must end with CRLF.
    case chunkDataEnd
    /// A chunk size must be hexadecimal digits.
    case chunkSizeNotHexadecimal
    /// A chunk size is followed by something other than an extension.
    case chunkSizeTrailer
    /// No request was sent.
    case nothingSent
    /// The request head ended early.
    case headEndedEarly
    /// The body is shorter than declared.
    case bodyShorterThanDeclared
    /// A bare CR is not allowed.
    case bareCarriageReturn
    /// The request ended early.
    case requestEndedEarly
}
