import ATMJSON
import ATMProtocol
import HTTP1
import Testing

@testable import ATMAPI

/// The served document, read with the service's own JSON parser and checked against the route table:
/// structure, not substrings.
@Suite struct OpenAPIDocumentTests {
    private static let routes = RouteName.allCases.filter { $0 != .unmatched }

    private func served(_ path: String, _ fields: [HTTPRequestHead.Field] = []) -> HTTPResponse? {
        var head = HTTPRequestHead(method: .GET, path: Array(path.utf8), version: .http11)
        head.fields = fields
        guard case .respond(let response) = RequestPlan(for: head, limits: .init()) else { return nil }
        return response
    }

    private func document() throws -> JSONValue {
        let response = try #require(served("/openapi.json"))
        return try JSONParser.parse(response.body, maximumDepth: 64)
    }

    private func template(_ route: RouteName) -> String? {
        switch route.http.path {
        case .fixed(let path): return path.description
        case .account(let action): return "/accounts/{account_number}/\(action)"
        case nil: return nil
        }
    }

    /// The route's one operation, under the method its description names.
    private func operation(_ route: RouteName, in document: JSONValue) throws -> JSONValue {
        let path = try #require(template(route))
        let item = try #require(document["paths"]?[path], "\(route) has no path")
        let method = route.http.methods == .post ? "post" : "get"
        #expect(item.keys == [method], "\(route): \(item.keys)")
        return try #require(item[method])
    }

    /// The object a `$ref` names, or the value itself.
    private func resolved(_ value: JSONValue, in document: JSONValue) -> JSONValue? {
        guard let target = value["$ref"]?.text else { return value }
        guard target.hasPrefix("#/") else { return nil }
        var node: JSONValue? = document
        for part in target.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    @Test func itIsAnOpenAPI31DocumentWithOnlyTheTablesPaths() throws {
        let document = try document()
        #expect(document["openapi"]?.text == "3.1.0")
        #expect(document["info"]?["title"]?.text == "ATM service")
        #expect(document.keys.contains("components"))
        #expect(Set(try #require(document["paths"]).keys) == Set(Self.routes.compactMap(template)))
    }

    @Test(arguments: routes)
    func everyRouteHasItsMethodAndEveryStatusItCanAnswer(route: RouteName) throws {
        let document = try document()
        let operation = try operation(route, in: document)
        #expect(operation["operationId"]?.text == route.rawValue)
        #expect(operation["summary"]?.text?.isEmpty == false)
        let statuses = try #require(operation["responses"]).keys.map { Int($0) }
        #expect(statuses == route.statuses.map { Optional($0) })
        for status in route.statuses { #expect(ReportedRoute.reportableStatuses.contains(status), "\(status)") }
        // The method the document names is the one the route answers, and the 405 says the same.
        let allowed: [HTTPRequestHead.Method] = route.http.methods == .post ? [.POST] : [.GET, .HEAD]
        let path = try #require(template(route)).replacing("{account_number}", with: "1001")
        let matched = try #require(Route(path: Array(path.utf8)))
        #expect(matched.name == route)
        for method in [HTTPRequestHead.Method.GET, .HEAD, .POST, .PUT, .DELETE] {
            #expect(matched.allows(method) == allowed.contains(method), "\(route) \(method)")
        }
    }

    @Test(arguments: routes)
    func everyOperationHasTheParametersAndBodyOfItsKind(route: RouteName) throws {
        let document = try document()
        let operation = try operation(route, in: document)
        guard case .array(let parameters) = try #require(operation["parameters"]) else {
            Issue.record("parameters is not an array")
            return
        }
        let resolvedParameters = parameters.compactMap { resolved($0, in: document) }
        #expect(resolvedParameters.count == parameters.count)
        let names = resolvedParameters.compactMap { $0["name"]?.text }
        let inPath = resolvedParameters.filter { $0["in"]?.text == "path" }.compactMap { $0["name"]?.text }
        #expect(inPath == (template(route)?.contains("{account_number}") == true ? ["account_number"] : []))
        #expect(names.last == "X-Request-ID")
        #expect(names.dropLast().last == "Accept-Language", "every route can answer an error with a detail")
        #expect(names.contains("traceparent") && names.contains("tracestate"), "\(names)")
        let isMovement = route.http.answer == .movement
        #expect(names.contains("Idempotency-Key") == isMovement)
        #expect((operation["requestBody"] != nil) == isMovement)
        if isMovement {
            let body = try #require(operation["requestBody"])
            #expect(body["required"] == .bool(true))
            #expect(body["content"]?.keys == ["application/json"])
            let schema = try #require(body["content"]?["application/json"]?["schema"])
            #expect(resolved(schema, in: document) != nil)
        }
    }

    @Test(arguments: routes)
    func everyResponseHasTheContentAndHeadersOfItsStatus(route: RouteName) throws {
        let document = try document()
        let responses = try #require(try operation(route, in: document)["responses"])
        for key in responses.keys {
            let status = try #require(Int(key))
            let entry = try #require(responses[key])
            let response = try #require(resolved(entry, in: document), "\(route) \(key)")
            let headers = try #require(response["headers"], "\(route) \(key) has no headers").keys
            #expect(headers.contains("X-Request-ID"), "\(route) \(key)")
            #expect(headers.contains("traceparent"), "\(route) \(key)")
            #expect(response["description"]?.text?.isEmpty == false, "\(route) \(key)")
            switch status {
            case 200:
                #expect(!headers.contains("Content-Language") && !headers.contains("Vary"), "a 200 has no detail")
                let content = try #require(response["content"]).keys
                #expect(content == [successContentType(route)], "\(route): \(content)")
                #expect(headers.contains("Idempotent-Replayed") == (route.http.answer == .movement), "\(route)")
                #expect(headers.contains("ETag") == (route.http.answer == .document), "\(route)")
            case 304:
                #expect(response["content"] == nil)
                #expect(headers.contains("ETag"))
            default:
                // Every error is {"detail": …} as JSON.
                #expect(response["content"]?.keys == ["application/json"], "\(route) \(key)")
                let schema = try #require(response["content"]?["application/json"]?["schema"])
                #expect(schema["$ref"]?.text == "#/components/schemas/Error", "\(route) \(key)")
                #expect(headers.contains("Allow") == (status == 405), "\(route) \(key)")
                #expect(headers.contains("Retry-After") == (status == 429 || status == 503), "\(route) \(key)")
                #expect(headers.contains("WWW-Authenticate") == (status == 401), "\(route) \(key)")
                #expect(headers.contains("Content-Language"), "\(route) \(key)")
                #expect(headers.contains("Vary"), "\(route) \(key)")
            }
        }
    }

    /// Every status the request plan itself answers for the route (before any daemon) is documented for it.
    @Test(arguments: routes)
    func everyStatusThePlanAnswersIsDocumented(route: RouteName) throws {
        let document = try document()
        let documented = try #require(try operation(route, in: document)["responses"]).keys
        let path = try #require(template(route)).replacing("{account_number}", with: "1001")
        let badAccount = try #require(template(route)).replacing("{account_number}", with: "x")
        let method = route.http.methods == .post ? "POST" : "GET"
        let requests = [
            "PUT \(path) HTTP/1.1\r\nHost: a\r\n\r\n",
            "\(method) \(path) HTTP/1.1\r\nHost: a\r\nExpect: nothing\r\n\r\n",
            "\(method) \(badAccount) HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n",
            "\(method) \(path) HTTP/1.1\r\nHost: a\r\n\r\n",
            "\(method) \(path) HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n",
            "\(method) \(path) HTTP/1.1\r\nHost: a\r\nContent-Length: 99999\r\n\r\n",
            "\(method) \(path) HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nIdempotency-Key: \"\"\r\n\r\n",
        ]
        var answered: Set<Int> = []
        for request in requests {
            var reader = HTTPRequestReader()
            reader.append(Array(request.utf8)[...])
            guard case .head(let head) = reader.next() else {
                Issue.record("no head: \(request)")
                continue
            }
            switch RequestPlan(for: head, limits: reader.limits) {
            case .fail(let error): answered.insert(Int(error.status.code))
            case .respond(let response): answered.insert(Int(response.status.code))
            case .call, .metrics, .move: answered.insert(200)
            }
        }
        #expect(answered.contains(405))
        for status in answered { #expect(documented.contains(String(status)), "\(route) answers \(status)") }
    }

    /// The content type the route's 200 is actually sent with.
    private func successContentType(_ route: RouteName) -> String {
        switch route {
        case .openAPI: return served("/openapi.json")?.contentType.description ?? "?"
        case .docs: return served("/docs")?.contentType.description.split(separator: ";").first.map(String.init) ?? "?"
        case .metrics: return HTTPResponse.metrics([]).contentType.description
        default: return HTTPResponse.health([]).contentType.description
        }
    }

    @Test func everyReferenceResolves() throws {
        let document = try document()
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for member in members {
                    if String(decoding: member.key, as: UTF8.self) == "$ref", let text = member.value.text {
                        references.append(text)
                    }
                    collect(member.value)
                }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(references.count > 100)
        for reference in Set(references) {
            #expect(
                resolved(
                    .object([JSONMember(key: Array("$ref".utf8), value: .string(Array(reference.utf8)))]),
                    in: document) != nil, "\(reference)")
        }
    }

    @Test func everySharedResponseIsUsed() throws {
        let document = try document()
        let shared = try #require(document["components"]?["responses"]).keys
        let used = Set(Self.routes.flatMap(\.statuses).map { OpenAPIDocument.sharedResponse(for: $0).description })
        #expect(Set(shared) == used)
    }

    @Test func noObjectRepeatsAKey() throws {
        func check(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                let keys = members.map { String(decoding: $0.key, as: UTF8.self) }
                #expect(Set(keys).count == keys.count, "\(path)")
                for member in members { check(member.value, path + "/" + String(decoding: member.key, as: UTF8.self)) }
            case .array(let items): for item in items { check(item, path) }
            default: break
            }
        }
        check(try document(), "")
    }

    @Test func theDocumentIsStableAndItsETagIsOfItsBytes() throws {
        let first = try #require(served("/openapi.json"))
        #expect(OpenAPIDocument.build() == OpenAPIDocument.build())
        #expect(first.body == OpenAPIDocument.build(), "the served bytes are the built ones")
        #expect(first.entityTag == EntityTag(hashing: OpenAPIDocument.build()))
        let tag = try #require(first.entityTag)
        let condition = HTTPRequestHead.Field(name: Array("if-none-match".utf8), value: tag.fieldValue)
        let again = try #require(served("/openapi.json", [condition]))
        #expect(again.status.code == 304)
        #expect(again.entityTag == first.entityTag)
    }
}

extension JSONValue {
    fileprivate subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key.elementsEqual(key.utf8) }?.value
    }

    fileprivate var keys: [String] {
        guard case .object(let members) = self else { return [] }
        return members.map { String(decoding: $0.key, as: UTF8.self) }
    }

    fileprivate var text: String? {
        guard case .string(let bytes) = self else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
