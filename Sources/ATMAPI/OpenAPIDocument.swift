import ATMBytes
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

    /// The shared text as it is, with the generated `paths` written in before `components`: nothing is
    /// parsed, since reading the text into a tree and writing it out again costs a `/docs` or `/openapi.json`
    /// request more than a million and a half instructions.
    static func build() -> [UInt8] {
        var out = PrettyJSON()
        out.bytes.reserveCapacity(48 << 10)
        OpenAPIComponents.text.withUTF8Buffer { shared in
            let marker: StaticString = "\n  \"components\": {"
            var split = shared.count
            marker.withUTF8Buffer { marker in
                for index in shared.indices where shared[index...].starts(with: marker) {
                    split = index
                    break
                }
            }
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: shared[..<split]))
            var first = true
            out.key("paths", depth: 1, first: &first)
            writePaths(to: &out)
            out.bytes.append(UInt8(ascii: ","))
            out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: shared[split...]))
        }
        return out.bytes
    }

    /// `/accounts/{account_number}/balance` and the like; `nil` for a route no path reaches.
    static func pathTemplate(_ route: RouteDescription) -> [UInt8]? {
        switch route.path {
        case .fixed(let path): return bytes(path)
        case .account(let action): return bytes("/accounts/{account_number}/") + bytes(action)
        case nil: return nil
        }
    }

    /// The `paths` object, its members at depth 2.
    private static func writePaths(to out: inout PrettyJSON) {
        out.bytes.append(UInt8(ascii: "{"))
        var first = true
        for name in RouteName.allCases {
            let route = name.http
            guard let template = pathTemplate(route) else { continue }
            out.key(template, depth: 2, first: &first)
            out.bytes.append(UInt8(ascii: "{"))
            var firstMethod = true
            out.key(route.methods == .post ? "post" : "get", depth: 3, first: &firstMethod)
            writeOperation(name, to: &out, depth: 4)
            out.newline(2)
            out.bytes.append(UInt8(ascii: "}"))
        }
        out.newline(1)
        out.bytes.append(UInt8(ascii: "}"))
    }

    /// One operation object, its members at `depth`.
    private static func writeOperation(_ name: RouteName, to out: inout PrettyJSON, depth: Int) {
        let route = name.http
        out.bytes.append(UInt8(ascii: "{"))
        var first = true
        out.key("operationId", depth: depth, first: &first)
        out.string(Array(name.rawValue.utf8))
        out.key("summary", depth: depth, first: &first)
        out.string(bytes(route.summary))
        out.key("parameters", depth: depth, first: &first)
        out.bytes.append(UInt8(ascii: "["))
        var firstParameter = true
        func parameter(_ component: StaticString) {
            if !firstParameter { out.bytes.append(UInt8(ascii: ",")) }
            firstParameter = false
            out.newline(depth + 1)
            out.reference("#/components/parameters/", component, depth: depth + 2)
        }
        if case .account = route.path { parameter("AccountNumber") }
        if route.answer == .movement { parameter("IdempotencyKey") }
        out.elements(of: route.queryParameters, depth: depth + 1, first: &firstParameter)
        parameter("Traceparent")
        parameter("Tracestate")
        parameter("AcceptLanguage")
        parameter("RequestID")
        out.newline(depth)
        out.bytes.append(UInt8(ascii: "]"))
        if let body = route.requestBody {
            out.key("requestBody", depth: depth, first: &first)
            out.fragment(body, depth: depth)
        }
        out.key("responses", depth: depth, first: &first)
        out.bytes.append(UInt8(ascii: "{"))
        var firstStatus = true
        for status in name.statuses {
            var key: [UInt8] = []
            key.append(decimal: Int64(status))
            out.key(key, depth: depth + 1, first: &firstStatus)
            let inline: StaticString?
            switch status {
            case 200: inline = route.success
            case 400: inline = route.badRequest
            case 404: inline = route.notFound
            default: inline = nil
            }
            if let inline {
                let headers = status == 200 ? route.answer : .query
                out.fragment(inline, depth: depth + 1) { out in
                    out.bytes.append(ascii: "\"headers\": ")
                    writeHeaders(headers, isError: status != 200, to: &out, depth: depth + 3)
                }
            } else {
                out.reference("#/components/responses/", sharedResponse(for: status), depth: depth + 2)
            }
        }
        out.newline(depth)
        out.bytes.append(UInt8(ascii: "}"))
        out.newline(depth - 1)
        out.bytes.append(UInt8(ascii: "}"))
    }

    /// The headers a 200 of this kind carries (a `.query`: X-Request-ID and the trace's), or with `isError` those
    /// of an inline error (those, and the language fields of a negotiated detail), as references to
    /// `components/headers`, the members at `depth`.
    private static func writeHeaders(
        _ answer: RouteDescription.Answer, isError: Bool = false, to out: inout PrettyJSON, depth: Int
    ) {
        out.bytes.append(UInt8(ascii: "{"))
        var first = true
        func header(_ name: StaticString, _ component: StaticString) {
            out.key(name, depth: depth, first: &first)
            out.reference("#/components/headers/", component, depth: depth + 1)
        }
        if answer == .document {
            header("ETag", "ETag")
            header("Cache-Control", "CacheControlRevalidate")
        }
        header("X-Request-ID", "XRequestID")
        header("traceparent", "Traceparent")
        header("tracestate", "Tracestate")
        if isError {
            header("Content-Language", "ContentLanguage")
            header("Vary", "VaryAcceptLanguage")
        }
        if answer == .movement { header("Idempotent-Replayed", "IdempotentReplayed") }
        out.newline(depth - 1)
        out.bytes.append(UInt8(ascii: "}"))
    }

    private static func bytes(_ text: StaticString) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(ascii: text)
        return bytes
    }
}
