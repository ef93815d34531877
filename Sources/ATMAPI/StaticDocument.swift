import HTTP1

/// The two documents that never change while the service runs, `/openapi.json` and `/docs`.
///
/// Unlike balances they may be stored (`Cache-Control: no-cache`: kept, but revalidated each time),
/// with a strong `ETag` derived from their bytes, so a client that has them gets a 304 and no body.
enum StaticDocument {
    case openAPI
    case docs

    /// The 200 with the document, or a 304 when the request's `If-None-Match` names it (RFC 9110 §13.1.2).
    func response(to head: HTTPRequestHead) -> HTTPResponse {
        let response = full
        if let condition = head.value(of: "if-none-match"), let tag = response.entityTag,
            tag.isMatched(byIfNoneMatch: condition)
        {
            return response.notModified()
        }
        return response
    }

    private var full: HTTPResponse {
        var response: HTTPResponse
        switch self {
        case .openAPI:
            response = .json(.ok, OpenAPIDocument.json)
        case .docs:
            response = HTTPResponse(status: .ok, contentType: "text/html; charset=utf-8", body: DocsPage.html)
            response.contentSecurityPolicy = DocsPage.contentSecurityPolicy
        }
        response.cacheControl = "no-cache"
        response.entityTag = EntityTag(hashing: response.body)
        return response
    }
}
