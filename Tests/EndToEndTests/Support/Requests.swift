import Foundation

/// A JSON transfer request, complete with framing.
func transferRequest(from source: String, to destination: String, amount: String, headers: String = "") -> String {
    let body = #"{"to_account":"\#(destination)","amount":"\#(amount)"}"#
    return "POST /accounts/\(source)/transfer HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n\(headers)"
        + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
}

/// A GET request with no body.
func getRequest(_ target: String, headers: String = "") -> String {
    "GET \(target) HTTP/1.1\r\nHost: t\r\n\(headers)\r\n"
}

/// `12.34` for 1234 cents.
func decimalAmount(cents: Int64) -> String {
    "\(cents / 100).\(String(format: "%02d", Int(cents % 100)))"
}

/// 1234 for `"12.34"`; `nil` for anything else.
func cents(of amount: String) -> Int64? {
    let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, let whole = Int64(parts[0]), let fraction = Int64(parts[1]) else {
        return nil
    }
    return whole * 100 + fraction
}

/// One `atm-handler` run against `daemon` with `request` on stdin.
func ask(_ daemon: StateDaemon, _ request: String, environment: [String: String] = [:]) throws -> (
    ParsedResponse, HandlerRun
) {
    var environment = environment
    environment["ATM_STATED_SOCKET"] = daemon.socketPath
    let run = try runHandler(Array(request.utf8), environment: environment)
    let isHead = request.hasPrefix("HEAD ")
    let response = try requireResponse(ParsedResponse(run.output, answeringHead: isHead), run)
    return (response, run)
}

/// Unwraps a parsed response or throws with the raw text, so a torn answer is reported, not crashed on.
func requireResponse(_ response: ParsedResponse?, _ run: HandlerRun) throws -> ParsedResponse {
    guard let response else { throw TornResponse(text: run.text, errors: run.errors) }
    return response
}

struct TornResponse: Error { let text: String, errors: String }

/// The JSON object of a response body.
func jsonObject(_ response: ParsedResponse) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
}
