import HTTP1
import Testing

@Suite struct HTTPRequestQueryTests {
    private func head(_ target: String) -> HTTPRequestHead? {
        guard case .complete(let head, _) = readRequest("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n") else { return nil }
        return head
    }

    @Test func theQueryIsKeptBesideThePathStillEncoded() {
        let parsed = head("/accounts/1/transactions?limit=5&before=%31")
        #expect(parsed?.path == Array("/accounts/1/transactions".utf8))
        #expect(parsed?.query == Array("limit=5&before=%31".utf8))
    }

    @Test func noQuestionMarkMeansNoQueryAndABareOneMeansAnEmptyQuery() {
        #expect(head("/health")?.query == nil)
        #expect(head("/health?")?.query == [])
        #expect(head("/health?a?b")?.query == Array("a?b".utf8))
    }

    @Test func absoluteFormKeepsItsQueryToo() {
        #expect(head("http://example.com/accounts/1/transactions?limit=2")?.query == Array("limit=2".utf8))
        let bare = head("http://example.com?limit=2")
        #expect(bare?.path == Array("/".utf8))
        #expect(bare?.query == Array("limit=2".utf8))
    }
}
