import ATMBytes
import ATMJSON
import ATMMoney
import HTTP1

/// The service's JSON bodies: balances, health, and `{"detail": …}` for errors.
extension HTTPResponse {
    /// 200 `{"account_number":"1001","balance":"1000.00"}`.
    ///
    /// Written as bytes directly: both values are ASCII digits (and `.`, `-`), which JSON needs no escape
    /// for, and the general writer's intermediate `String`s were a tenth of a balance request's instructions.
    public static func balance(_ account: AccountNumber, _ balance: Money) -> HTTPResponse {
        var body: [UInt8] = []
        body.reserveCapacity(96)
        body.append(ascii: #"{"account_number":""#)
        body.append(utf8: account.digits)
        body.append(ascii: #"","balance":""#)
        balance.append(to: &body)
        body.append(ascii: #""}"#)
        return .json(.ok, body)
    }

    /// 200 `{"status":"ok","accounts":[…]}`, accounts in the order given, then `"next":"…"` when a
    /// page follows (the original's shape, byte for byte, when none does).
    ///
    /// Written as bytes directly: account numbers are ASCII digits, which JSON needs no escape for, and
    /// a page may hold a hundred thousand of them.
    public static func health(_ accounts: some Collection<AccountNumber>, next: AccountNumber? = nil) -> HTTPResponse {
        let quote = UInt8(ascii: "\"")
        var body: [UInt8] = []
        body.reserveCapacity(40 + accounts.count * 8)
        body.append(ascii: #"{"status":"ok","accounts":["#)
        var isFirst = true
        for account in accounts {
            if !isFirst { body.append(UInt8(ascii: ",")) }
            isFirst = false
            body.append(quote)
            body.append(utf8: account.digits)
            body.append(quote)
        }
        body.append(UInt8(ascii: "]"))
        if let next {
            body.append(ascii: #","next":"#)
            body.append(quote)
            body.append(utf8: next.digits)
            body.append(quote)
        }
        body.append(UInt8(ascii: "}"))
        return .json(.ok, body)
    }

    /// 200 `{"status":"ready"}` or `{"status":"live"}`: a probe's answer, naming no account.
    public static func probe(_ status: StaticString) -> HTTPResponse {
        var body: [UInt8] = []
        body.append(ascii: #"{"status":"#)
        body.append(UInt8(ascii: "\""))
        body.append(ascii: status)
        body.append(UInt8(ascii: "\""))
        body.append(UInt8(ascii: "}"))
        return .json(.ok, body)
    }

    /// `{"detail":"…"}` with `status`.
    public static func detail(_ status: HTTPStatus, _ detail: String) -> HTTPResponse {
        var writer = JSONObjectWriter()
        writer.add("detail", detail)
        return .json(status, writer.finish())
    }

    /// 200 with the Prometheus text exposition (format 0.0.4), as the daemon wrote it.
    public static func metrics(_ text: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: text)
    }
}
