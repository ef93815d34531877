import ATMCore
import ATMJSON
import ATMMoney
import ATMProtocol
import HTTP1

extension HTTPResponse {
    /// 200 `{"account_number":"1001","transactions":[{"id":"7","time":"…","type":"deposit",
    /// "amount":"10.50","balance":"1010.50"},…]}`, entries in the order given (newest first), and
    /// `"counterparty"` last for transfers.
    public static func transactions(_ account: AccountNumber, _ entries: [HistoryEntry]) -> HTTPResponse {
        var list = JSONArrayWriter()
        for entry in entries {
            var item = JSONObjectWriter()
            item.add("id", String(entry.id))
            item.add("time", UTCTimestamp.text(milliseconds: entry.timeMilliseconds))
            item.add("type", entry.kind.rawValue)
            item.add("amount", entry.amount.description)
            item.add("balance", entry.balance.description)
            if let counterparty = entry.counterparty { item.add("counterparty", counterparty.digits) }
            list.append(item)
        }
        var writer = JSONObjectWriter()
        writer.add("account_number", account.digits)
        writer.add("transactions", list)
        return .json(.ok, writer.finish())
    }
}
