import ATMBytes
import ATMJSON
import ATMProtocol

/// The OpenAPI 3.1 description of every route, body, response and error the handler answers.
///
/// Generated, not kept by hand: `paths` come from each route's ``RouteDescription`` (its path, methods,
/// parameters, body and the statuses it can answer), the rest from ``OpenAPIComponents``. It is built
/// the first time `/openapi.json` or `/docs` asks for it, never at start-up (most requests are balances),
/// and `/docs` embeds these same bytes, so the page and the document cannot drift.
enum OpenAPIDocument {
    /// The document's bytes, pretty-printed as JSON.
    static let json: [UInt8] = build()

    /// The shared response under `components/responses` that describes `status` on any route.
    static func sharedResponse(for status: Int) -> StaticString {
        switch status {
        case 304: return "NotModified"
        case 400: return "Malformed"
        case 401: return "AuthenticationRequired"
        case 403: return "NotAllowed"
        case 404: return "AccountNotFound"
        case 405: return "MethodNotAllowed"
        case 408: return "RequestTimeout"
        case 409: return "KeyInProgress"
        case 411: return "LengthRequired"
        case 413: return "ContentTooLarge"
        case 414: return "URITooLong"
        case 415: return "UnsupportedMediaType"
        case 417: return "ExpectationFailed"
        case 422: return "KeyReused"
        case 429: return "TooManyRequests"
        case 431: return "HeadersTooLarge"
        case 501: return "NotImplemented"
        case 503: return "Unavailable"
        case 504: return "OutcomeUnknown"
        case 505: return "VersionNotSupported"
        default: return "InternalError"
        }
    }

    /// The shared parts with `paths` put after `servers`.
    static func build() -> [UInt8] {
        var members: [JSONMember] = []
        if case .object(let shared) = parse(OpenAPIComponents.text) {
            for member in shared {
                members.append(member)
                if ASCII.equals(member.key[...], "servers") {
                    members.append(JSONMember(key: bytes("paths"), value: paths))
                }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(48 << 10)
        PrettyJSON.write(.object(members), to: &out)
        return out
    }

    private static var paths: JSONValue {
        var paths: [JSONMember] = []
        for name in RouteName.allCases {
            let route = name.http
            var template: [UInt8]
            switch route.path {
            case .fixed(let path): template = bytes(path)
            case .account(let action):
                template = bytes("/accounts/{account_number}/")
                template += bytes(action)
            case nil: continue
            }
            let method: StaticString = route.methods == .post ? "post" : "get"
            paths.append(
                JSONMember(key: template, value: .object([JSONMember(key: bytes(method), value: operation(name))])))
        }
        return .object(paths)
    }

    private static func operation(_ name: RouteName) -> JSONValue {
        let route = name.http
        var parameters: [JSONValue] = []
        if case .account = route.path { parameters.append(reference("#/components/parameters/AccountNumber")) }
        if route.answer == .movement { parameters.append(reference("#/components/parameters/IdempotencyKey")) }
        if case .array(let query) = parse(route.queryParameters) { parameters += query }
        parameters.append(reference("#/components/parameters/RequestID"))
        var members = [
            member("operationId", .string(Array(name.rawValue.utf8))),
            member("summary", .string(bytes(route.summary))),
            member("parameters", .array(parameters)),
        ]
        if let body = route.requestBody { members.append(member("requestBody", parse(body))) }
        var responses: [JSONMember] = []
        for status in name.statuses {
            var response: JSONValue
            switch status {
            case 200: response = withHeaders(parse(route.success), successHeaders(route.answer))
            case 400 where route.badRequest != nil: response = withHeaders(parse(route.badRequest!), [requestIDHeader])
            case 404 where route.notFound != nil: response = withHeaders(parse(route.notFound!), [requestIDHeader])
            default:
                var target = bytes("#/components/responses/")
                target += bytes(sharedResponse(for: status))
                response = .object([JSONMember(key: bytes("$ref"), value: .string(target))])
            }
            var key: [UInt8] = []
            key.append(decimal: Int64(status))
            responses.append(JSONMember(key: key, value: response))
        }
        members.append(member("responses", .object(responses)))
        return .object(members)
    }

    private static let requestIDHeader = header("X-Request-ID", "XRequestID")

    /// The headers a 200 of this kind carries, by name, as references to `components/headers`.
    private static func successHeaders(_ answer: RouteDescription.Answer) -> [JSONMember] {
        switch answer {
        case .query: return [requestIDHeader]
        case .movement: return [requestIDHeader, header("Idempotent-Replayed", "IdempotentReplayed")]
        case .document:
            return [header("ETag", "ETag"), header("Cache-Control", "CacheControlRevalidate"), requestIDHeader]
        }
    }

    private static func header(_ name: StaticString, _ component: StaticString) -> JSONMember {
        var target = bytes("#/components/headers/")
        target += bytes(component)
        return JSONMember(key: bytes(name), value: .object([JSONMember(key: bytes("$ref"), value: .string(target))]))
    }

    private static func withHeaders(_ response: JSONValue, _ headers: [JSONMember]) -> JSONValue {
        guard case .object(var members) = response else { return response }
        members.append(member("headers", .object(headers)))
        return .object(members)
    }

    private static func reference(_ target: StaticString) -> JSONValue {
        .object([member("$ref", .string(bytes(target)))])
    }

    private static func member(_ key: StaticString, _ value: JSONValue) -> JSONMember {
        JSONMember(key: bytes(key), value: value)
    }

    /// A fragment of the description; the literals are checked by the tests, so a bad one cannot ship.
    private static func parse(_ text: StaticString) -> JSONValue {
        (try? JSONParser.parse(bytes(text), maximumDepth: 64)) ?? .null
    }

    private static func bytes(_ text: StaticString) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(ascii: text)
        return bytes
    }
}
