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

    /// 200 `{"status":"ok","accounts":[…]}`, accounts in the order given.
    public static func health(_ accounts: [AccountNumber]) -> HTTPResponse {
        var writer = JSONObjectWriter()
        writer.add("status", "ok")
        writer.add("accounts", accounts.map { $0.digits })
        return .json(.ok, writer.finish())
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
