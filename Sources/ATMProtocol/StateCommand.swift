import ATMCore

/// One request line of the `atm-stated` wire protocol (docs/protocol.md).
public enum StateCommand: Sendable, Hashable {
    case ping
    case help
    case list
    case quit
    case balance(AccountNumber)
    case deposit(Money, to: AccountNumber)
    case withdraw(Money, from: AccountNumber)
    case create(AccountNumber, balance: Money)

    /// The longest request line the daemon reads, newline included; longer lines are refused.
    public static let maximumLineLength = 256

    /// The line to send, newline included.
    public var encoded: [UInt8] {
        var line: [UInt8]
        switch self {
        case .ping: line = Array("PING".utf8)
        case .help: line = Array("HELP".utf8)
        case .list: line = Array("LIST".utf8)
        case .quit: line = Array("QUIT".utf8)
        case .balance(let account): line = Array("BALANCE \(account)".utf8)
        case .deposit(let amount, let account): line = Array("DEPOSIT \(account) \(amount.cents)".utf8)
        case .withdraw(let amount, let account): line = Array("WITHDRAW \(account) \(amount.cents)".utf8)
        case .create(let account, let balance): line = Array("CREATE \(account) \(balance.cents)".utf8)
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }
}

extension StateCommand {
    /// Decodes one line (without its `\n`; a trailing `\r` is tolerated for people typing).
    ///
    /// The daemon calls this on every line and trusts nothing its caller already checked.
    public init<Line: Collection<UInt8>>(decoding line: Line) throws(ProtocolError) where Line.Index == Int {
        var fields = try ProtocolFields(line)
        guard let verb = fields.next() else { throw ProtocolError(.badCommand, "empty line; try HELP") }
        switch verb {
        case "PING": self = .ping
        case "HELP": self = .help
        case "LIST": self = .list
        case "QUIT": self = .quit
        case "BALANCE": self = .balance(try fields.account())
        case "DEPOSIT":
            let account = try fields.account()
            self = .deposit(Money(cents: try fields.cents(in: 1...Money.largestAmount.cents)), to: account)
        case "WITHDRAW":
            let account = try fields.account()
            self = .withdraw(Money(cents: try fields.cents(in: 1...Money.largestAmount.cents)), from: account)
        case "CREATE":
            let account = try fields.account()
            self = .create(account, balance: Money(cents: try fields.cents(in: 0...Int64.max)))
        default:
            throw ProtocolError(.badCommand, "unknown command; try HELP")
        }
        try fields.expectEnd()
    }
}
