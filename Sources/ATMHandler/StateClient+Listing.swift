import ATMCore
import ATMProtocol

extension StateClient {
    /// Sends `request`; a LIST with paging attributes that the daemon refuses as `bad-argument` goes again
    /// bare, once.
    ///
    /// A daemon of version 1 refuses attributes it does not know, and LIST's `after=` and `limit=` came
    /// after it: the handler builds them with the types the daemon reads them with, so a daemon of today
    /// never refuses them, and a bare LIST (a read, so safe to repeat) is what such a daemon answers. The
    /// handler then cuts the page itself (``HealthQuery/page(of:)``).
    mutating func sendAskingAgainBare(_ request: StateRequest) throws(StateCallError) -> StateReply {
        let reply = try send(request)
        guard case .list(let page) = request.command, page != .all,
            case .error(let error) = reply, error.code == .badArgument
        else { return reply }
        var bare = request
        bare.command = .list(.all)
        return try send(bare)
    }
}
