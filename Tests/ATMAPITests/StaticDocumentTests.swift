import ATMMoney
import HTTP1
import Testing

@testable import ATMAPI

@Suite struct StaticDocumentTests {
    private func plan(_ request: String) -> HTTPResponse? {
        var reader = HTTPRequestReader()
        reader.append(Array(request.utf8))
        guard case .head(let head) = reader.next(),
            case .respond(let response) = RequestPlan(for: head, limits: .init())
        else { return nil }
        return response
    }

    private func text(_ response: HTTPResponse?, includingBody: Bool = true) -> String {
        guard let response else { return "" }
        let bytes = response.serialized(date: HTTPDate(secondsSinceEpoch: 0), includingBody: includingBody)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: ["/openapi.json", "/docs"])
    func documentsCarryAStrongETagAndMayBeRevalidated(path: String) throws {
        let full = try #require(plan("GET \(path) HTTP/1.1\r\nHost: a\r\n\r\n"))
        let tag = try #require(full.entityTag)
        #expect(full.status == .ok)
        #expect(tag == EntityTag(hashing: full.body))
        let quoted = String(decoding: tag.fieldValue, as: UTF8.self)
        #expect(text(full).contains("\r\nETag: \(quoted)\r\n"))
        #expect(text(full).contains("\r\nCache-Control: no-cache\r\n"))

        for method in ["GET", "HEAD"] {
            let request = "\(method) \(path) HTTP/1.1\r\nHost: a\r\nIf-None-Match: \"x\", \(quoted)\r\n\r\n"
            let conditional = try #require(plan(request))
            #expect(conditional.status == .notModified)
            let written = text(conditional)
            #expect(written.hasPrefix("HTTP/1.1 304 Not Modified\r\nDate: "))
            #expect(written.hasSuffix("\r\n\r\n"), "a 304 never has a body")
            #expect(written.contains("\r\nETag: \(quoted)\r\n"))
            #expect(written.contains("\r\nContent-Length: \(full.body.count)\r\n"))
            #expect(!written.contains("\r\nContent-Type:"))
        }
        let stale = try #require(plan("GET \(path) HTTP/1.1\r\nHost: a\r\nIf-None-Match: \"stale\"\r\n\r\n"))
        #expect(stale.status == .ok)
        #expect(stale.body == full.body)
    }

    @Test func errorsAndBalancesAreNeverStored() {
        let balance = text(HTTPResponse.balance(AccountNumber(Array("1".utf8))!, .zero))
        #expect(balance.contains("\r\nCache-Control: no-store\r\n"))
        #expect(!balance.contains("ETag"))
        #expect(text(APIError.notFound.response).contains("\r\nCache-Control: no-store\r\n"))
    }

    @Test func everyResponseSaysNosniff() {
        for response in [
            APIError.notFound.response, HTTPResponse.health([]), plan("GET /docs HTTP/1.1\r\nHost: a\r\n\r\n"),
        ] {
            #expect(text(response).contains("\r\nX-Content-Type-Options: nosniff\r\n"))
        }
    }
}

@Suite struct DocsPageTests {
    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.base64(SHA256.hash([])) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(SHA256.base64(SHA256.hash(Array("abc".utf8))) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.base64(SHA256.hash(long)) == "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=")
    }

    /// The policy's hashes are constants; this recomputes them from the texts the page is built of.
    @Test func theCSPHashesAreThoseOfTheInlineStyleAndScriptServed() {
        let style = SHA256.base64(SHA256.hash(Array(DocsPage.style.description.utf8)))
        let script = SHA256.base64(SHA256.hash(Array(DocsPage.script.description.utf8)))
        #expect(DocsPage.styleHash == style, "set DocsPage.styleHash to \"\(style)\"")
        #expect(DocsPage.scriptHash == script, "set DocsPage.scriptHash to \"\(script)\"")
        let page = String(decoding: DocsPage.html, as: UTF8.self)
        #expect(page.contains("<style>" + DocsPage.style.description + "</style>"))
        #expect(page.contains("<script>" + DocsPage.script.description + "</script>"))
        #expect(DocsPage.contentSecurityPolicy.contains("'sha256-\(script)'"))
        #expect(DocsPage.contentSecurityPolicy.contains("'sha256-\(style)'"))
    }

    @Test func thePageHasNoOtherStyleOrScript() {
        let page = String(decoding: DocsPage.html, as: UTF8.self)
        #expect(page.split(separator: "<style", omittingEmptySubsequences: false).count == 2)
        #expect(page.split(separator: "<script>", omittingEmptySubsequences: false).count == 2)
        #expect(page.split(separator: "<script", omittingEmptySubsequences: false).count == 3)
        for attribute in [" style=", " onclick=", " onload=", " onsubmit=", "javascript:", "innerHTML"] {
            #expect(!page.contains(attribute), "\(attribute)")
        }
    }

    /// The page renders the served document itself, so the two cannot drift.
    @Test func thePageEmbedsTheServedOpenAPIDocumentByteForByte() {
        let page = DocsPage.html
        let opening = Array(#"<script type="application/json" id="openapi">"#.utf8)
        let embedded = opening + OpenAPIDocument.json + Array("</script>".utf8)
        #expect(page.firstRange(of: embedded) != nil)
    }

    /// Inside a `<script>` data block, `</` could close the element early and `<!--` changes parsing.
    @Test func theOpenAPIDocumentCannotEndTheDataBlockThatHoldsIt() {
        let text = String(decoding: OpenAPIDocument.json, as: UTF8.self).lowercased()
        #expect(!text.contains("</"))
        #expect(!text.contains("<!--"))
    }
}
