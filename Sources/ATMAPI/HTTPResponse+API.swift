import ATMJSON
import ATMMoney
import HTTP1

/// The service's JSON bodies: balances, health, and `{"detail": …}` for errors.
extension HTTPResponse {
    /// 200 `{"account_number":"1001","balance":"1000.00"}`.
    public static func balance(_ account: AccountNumber, _ balance: Money) -> HTTPResponse {
        var writer = JSONObjectWriter()
        writer.add("account_number", account.digits)
        writer.add("balance", balance.description)
        return .json(.ok, writer.finish())
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
}
