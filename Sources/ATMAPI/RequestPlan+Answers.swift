import ATMCore
import ATMMoney
import ATMProtocol
import HTTP1

extension RequestPlan.Query {
    /// The response for the daemon's `reply` to this query's command, for the request whose head is `head`:
    /// for most, the reply's own (``StateReply/negotiatedResponse(for:)``, in the language it asks for);
    /// `/health` cuts its page and adds `next`, and `/health/ready` reads READY's answers, counting a daemon
    /// that predates READY (`ERR bad-command`: it read the line) as up.
    public func response(to reply: StateReply, for head: HTTPRequestHead? = nil) -> HTTPResponse {
        switch (self, reply) {
        case (.health(let query), .accounts(let accounts)):
            let page = query.page(of: accounts)
            return .health(page.accounts, next: page.next)
        case (.ready, .ready):
            return .probe("ready")
        case (.ready, .error(let error)) where error.code == .badCommand:
            return .probe("ready")
        case (.ready, .error(let error)) where error.code == .unavailable:
            return APIError.notReady(error.message).negotiatedResponse(for: head)
        default:
            return reply.negotiatedResponse(for: head)
        }
    }

    /// Whether the response to `reply` is a 500 for a reply the handler does not expect, to be logged.
    public func isUnexpected(_ reply: StateReply) -> Bool {
        switch (self, reply) {
        case (.ready, .ready): return false
        case (.ready, .error(let error)) where error.code == .badCommand: return false
        default: return reply.isUnexpected
        }
    }
}
