import ATMBytes
import ATMCore
import ATMMoney

/// What one protocol line asks the daemon to do (docs/protocol.md), without its attributes.
public enum StateCommand: Sendable, Hashable {
    case ping
    case help
    /// Account numbers in byte order: `LIST` for every one, `LIST after=… limit=…` for a page.
    case list(AccountPage)
    case quit
    /// Whether the daemon can serve changes now; names no account (docs/protocol.md, READY).
    case ready
    case balance(AccountNumber)
    case deposit(Money, to: AccountNumber)
    case withdraw(Money, from: AccountNumber)
    /// Moves money between two different accounts: both change or neither.
    case transfer(Money, from: AccountNumber, to: AccountNumber)
    /// The newest `limit` applied changes of an account, older than the change `before` when given.
    case history(AccountNumber, limit: Int, before: UInt64?)
    /// Opens an account (operators only).
    case create(AccountNumber, balance: Money)

    /// The most history entries one command may ask for.
    public static let maximumHistoryLimit = 100

    /// Whether the command moves money, and so may carry an idempotency key.
    public var movesMoney: Bool {
        switch self {
        case .deposit, .withdraw, .transfer: return true
        default: return false
        }
    }

    /// Whether the command changes state (and so must be journalled before it is answered).
    public var isChange: Bool {
        if case .create = self { return true }
        return movesMoney
    }

    /// The command's own words (verb and arguments, no attributes, no newline).
    ///
    /// Also the fingerprint an idempotency key is bound to: the amount is in cents, so `"1.0"` and
    /// `"1.00"` give the same words.
    public var words: [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(64)
        write(to: &line)
        return line
    }

    /// Writes ``words`` into `line`.
    public func write<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        switch self {
        case .ping: line.append(ascii: "PING")
        case .help: line.append(ascii: "HELP")
        case .list(let page):
            line.append(ascii: "LIST")
            page.write(to: &line)
        case .quit: line.append(ascii: "QUIT")
        case .ready: line.append(ascii: "READY")
        case .balance(let account):
            line.append(ascii: "BALANCE ")
            line.append(utf8: account.digits)
        case .deposit(let amount, let account):
            line.append(ascii: "DEPOSIT ")
            line.append(fields: account, amount)
        case .withdraw(let amount, let account):
            line.append(ascii: "WITHDRAW ")
            line.append(fields: account, amount)
        case .transfer(let amount, let source, let destination):
            line.append(ascii: "TRANSFER ")
            line.append(utf8: source.digits)
            line.append(UInt8(ascii: " "))
            line.append(fields: destination, amount)
        case .history(let account, let limit, let before):
            line.append(ascii: "HISTORY ")
            line.append(utf8: account.digits)
            line.append(UInt8(ascii: " "))
            line.append(decimal: Int64(limit))
            if let before {
                line.append(UInt8(ascii: " "))
                line.append(decimal: Int64(clamping: before))
            }
        case .create(let account, let balance):
            line.append(ascii: "CREATE ")
            line.append(fields: account, balance)
        }
    }
}

extension ByteSink where Self: ~Copyable {
    fileprivate mutating func append(fields account: AccountNumber, _ amount: Money) {
        append(utf8: account.digits)
        append(UInt8(ascii: " "))
        append(decimal: amount.cents)
    }
}

extension StateCommand {
    /// Reads the verb and arguments from `fields`, leaving any attributes after them.
    ///
    /// The daemon calls this on every line and trusts nothing its caller already checked.
    init(reading fields: inout ProtocolFields) throws(ProtocolError) {
        guard let verb = fields.next() else { throw ProtocolError(.badCommand, "empty line; try HELP") }
        let amounts = 1...Money.largestAmount.cents
        if ASCII.equals(verb, "PING") {
            self = .ping
        } else if ASCII.equals(verb, "HELP") {
            self = .help
        } else if ASCII.equals(verb, "LIST") {
            self = .list(.all)
        } else if ASCII.equals(verb, "QUIT") {
            self = .quit
        } else if ASCII.equals(verb, "READY") {
            self = .ready
        } else if ASCII.equals(verb, "BALANCE") {
            self = .balance(try fields.account())
        } else if ASCII.equals(verb, "DEPOSIT") {
            let account = try fields.account()
            self = .deposit(Money(cents: try fields.cents(in: amounts)), to: account)
        } else if ASCII.equals(verb, "WITHDRAW") {
            let account = try fields.account()
            self = .withdraw(Money(cents: try fields.cents(in: amounts)), from: account)
        } else if ASCII.equals(verb, "TRANSFER") {
            let source = try fields.account()
            let destination = try fields.account()
            guard source != destination else {
                throw ProtocolError(.sameAccount, "cannot transfer to the same account")
            }
            self = .transfer(Money(cents: try fields.cents(in: amounts)), from: source, to: destination)
        } else if ASCII.equals(verb, "HISTORY") {
            let account = try fields.account()
            let limit = Int(try fields.cents(in: 1...Int64(Self.maximumHistoryLimit)))
            let before = fields.nextIsNumber ? UInt64(try fields.cents(in: 1...Int64.max)) : nil
            self = .history(account, limit: limit, before: before)
        } else if ASCII.equals(verb, "CREATE") {
            let account = try fields.account()
            self = .create(account, balance: Money(cents: try fields.cents(in: 0...Int64.max)))
        } else {
            throw ProtocolError(.badCommand, "unknown command; try HELP")
        }
    }
}
