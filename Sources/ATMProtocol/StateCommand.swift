import ATMBytes
import ATMMoney

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
        var line: [UInt8] = []
        line.reserveCapacity(64)
        switch self {
        case .ping: line.append(ascii: "PING")
        case .help: line.append(ascii: "HELP")
        case .list: line.append(ascii: "LIST")
        case .quit: line.append(ascii: "QUIT")
        case .balance(let account):
            line.append(ascii: "BALANCE ")
            line.append(utf8: account.digits)
        case .deposit(let amount, let account):
            Self.append("DEPOSIT ", account, amount, to: &line)
        case .withdraw(let amount, let account):
            Self.append("WITHDRAW ", account, amount, to: &line)
        case .create(let account, let balance):
            Self.append("CREATE ", account, balance, to: &line)
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }

    private static func append(_ verb: StaticString, _ account: AccountNumber, _ amount: Money, to line: inout [UInt8])
    {
        line.append(ascii: verb)
        line.append(utf8: account.digits)
        line.append(UInt8(ascii: " "))
        line.append(decimal: amount.cents)
    }
}

extension StateCommand {
    /// Decodes one line (without its `\n`; a trailing `\r` is tolerated for people typing).
    ///
    /// The daemon calls this on every line and trusts nothing its caller already checked.
    public init(decoding line: ArraySlice<UInt8>) throws(ProtocolError) {
        var fields = try ProtocolFields(line)
        guard let verb = fields.next() else { throw ProtocolError(.badCommand, "empty line; try HELP") }
        let amounts = 1...Money.largestAmount.cents
        if ASCII.equals(verb, "PING") {
            self = .ping
        } else if ASCII.equals(verb, "HELP") {
            self = .help
        } else if ASCII.equals(verb, "LIST") {
            self = .list
        } else if ASCII.equals(verb, "QUIT") {
            self = .quit
        } else if ASCII.equals(verb, "BALANCE") {
            self = .balance(try fields.account())
        } else if ASCII.equals(verb, "DEPOSIT") {
            let account = try fields.account()
            self = .deposit(Money(cents: try fields.cents(in: amounts)), to: account)
        } else if ASCII.equals(verb, "WITHDRAW") {
            let account = try fields.account()
            self = .withdraw(Money(cents: try fields.cents(in: amounts)), from: account)
        } else if ASCII.equals(verb, "CREATE") {
            let account = try fields.account()
            self = .create(account, balance: Money(cents: try fields.cents(in: 0...Int64.max)))
        } else {
            throw ProtocolError(.badCommand, "unknown command; try HELP")
        }
        try fields.expectEnd()
    }

    /// Decodes one line given as an array.
    public init(decoding line: [UInt8]) throws(ProtocolError) {
        try self.init(decoding: line[...])
    }
}
