import ATMLedger
import ATMProtocol

extension AccountStore {
    /// Carries out one decoded command and says how it went, as the reply line to send.
    public func reply(to command: StateCommand) -> StateReply {
        do throws(StoreError) {
            switch command {
            case .ping: return .pong
            case .help: return .help
            case .quit: return .bye
            case .list: return .accounts(accountNumbers())
            case .balance(let account): return .balance(account, try balance(of: account))
            case .deposit(let amount, let account): return .balance(account, try deposit(amount, to: account))
            case .withdraw(let amount, let account): return .balance(account, try withdraw(amount, from: account))
            case .create(let account, let initial):
                try create(account, balance: initial)
                return .balance(account, initial)
            }
        } catch {
            switch error {
            case .accountNotFound: return .error(ProtocolError(.notFound, "account not found"))
            case .insufficientFunds: return .error(ProtocolError(.insufficientFunds, "insufficient funds"))
            case .balanceLimitExceeded: return .error(ProtocolError(.limitExceeded, "balance limit exceeded"))
            case .accountExists: return .error(ProtocolError(.exists, "account already exists"))
            }
        }
    }
}
