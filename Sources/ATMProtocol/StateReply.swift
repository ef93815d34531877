import ATMBytes
import ATMMoney

/// One reply line of the `atm-stated` wire protocol: `OK …` or `ERR <code> <message>`.
public enum StateReply: Sendable, Hashable {
    case pong
    case bye
    case help
    case balance(AccountNumber, Money)
    case accounts([AccountNumber])
    case error(ProtocolError)

    static let helpText: StaticString =
        "commands: PING, HELP, LIST, QUIT, BALANCE <account>, DEPOSIT <account> <cents>, WITHDRAW <account> <cents>, CREATE <account> <cents>"

    /// The line to send, newline included.
    public var encoded: [UInt8] {
        var line: [UInt8] = []
        switch self {
        case .pong: line.append(ascii: "OK PONG")
        case .bye: line.append(ascii: "OK BYE")
        case .help:
            line.append(ascii: "OK ")
            line.append(ascii: Self.helpText)
        case .balance(let account, let balance):
            line.append(ascii: "OK ")
            line.append(utf8: account.digits)
            line.append(UInt8(ascii: " "))
            line.append(decimal: balance.cents)
        case .accounts(let accounts):
            line.reserveCapacity(16 + accounts.count * 8)
            line.append(ascii: "OK ")
            line.append(decimal: Int64(accounts.count))
            for account in accounts {
                line.append(UInt8(ascii: " "))
                line.append(utf8: account.digits)
            }
        case .error(let error):
            line.append(ascii: "ERR ")
            line.append(utf8: error.code.rawValue)
            line.append(UInt8(ascii: " "))
            line.append(utf8: error.message)
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }
}

extension StateReply {
    /// Decodes the reply to `command` (a line without its `\n`). The shape of `OK` depends on the command.
    public init(decoding line: ArraySlice<UInt8>, answering command: StateCommand) throws(ProtocolError) {
        let malformed = ProtocolError(.badArgument, "malformed reply")
        if ASCII.hasPrefix(line, "ERR ") {
            let rest = line.dropFirst(4)
            let codeEnd = rest.firstIndex(of: UInt8(ascii: " ")) ?? rest.endIndex
            guard let code = StateErrorCode(rawValue: String(decoding: rest[..<codeEnd], as: UTF8.self)) else {
                throw malformed
            }
            let message = codeEnd < rest.endIndex ? String(decoding: rest[(codeEnd + 1)...], as: UTF8.self) : ""
            self = .error(ProtocolError(code, message))
            return
        }
        guard ASCII.hasPrefix(line, "OK ") else { throw malformed }
        var fields = try ProtocolFields(line.dropFirst(3))
        switch command {
        case .ping:
            guard let word = fields.next(), ASCII.equals(word, "PONG") else { throw malformed }
            self = .pong
        case .quit:
            guard let word = fields.next(), ASCII.equals(word, "BYE") else { throw malformed }
            self = .bye
        case .help:
            self = .help
            return
        case .balance, .deposit, .withdraw, .create:
            let account = try fields.account()
            self = .balance(account, Money(cents: try fields.cents(in: 0...Int64.max)))
        case .list:
            // Each account takes at least two bytes (" 1"): a count the line cannot hold is a lie,
            // refused before it can size an allocation.
            let count = try fields.cents(in: 0...Int64(line.count / 2))
            var accounts: [AccountNumber] = []
            accounts.reserveCapacity(Int(count))
            for _ in 0..<count { accounts.append(try fields.account()) }
            self = .accounts(accounts)
        }
        try fields.expectEnd()
    }

    /// Decodes a reply line given as an array.
    public init(decoding line: [UInt8], answering command: StateCommand) throws(ProtocolError) {
        try self.init(decoding: line[...], answering: command)
    }
}
