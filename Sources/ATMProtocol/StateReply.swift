import ATMCore

/// One reply line of the `atm-stated` wire protocol: `OK …` or `ERR <code> <message>`.
public enum StateReply: Sendable, Hashable {
    case pong
    case bye
    case help
    case balance(AccountNumber, Money)
    case accounts([AccountNumber])
    case error(ProtocolError)

    static let helpText =
        "commands: PING, HELP, LIST, QUIT, BALANCE <account>, DEPOSIT <account> <cents>, "
        + "WITHDRAW <account> <cents>, CREATE <account> <cents>"

    /// The line to send, newline included.
    public var encoded: [UInt8] {
        var line: [UInt8]
        switch self {
        case .pong: line = Array("OK PONG".utf8)
        case .bye: line = Array("OK BYE".utf8)
        case .help: line = Array("OK \(Self.helpText)".utf8)
        case .balance(let account, let balance): line = Array("OK \(account) \(balance.cents)".utf8)
        case .accounts(let accounts):
            line = Array("OK \(accounts.count)".utf8)
            line.reserveCapacity(line.count + accounts.count * 8)
            for account in accounts {
                line.append(UInt8(ascii: " "))
                line.append(contentsOf: account.digits.utf8)
            }
        case .error(let error): line = Array("ERR \(error.code.rawValue) \(error.message)".utf8)
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }
}

extension StateReply {
    /// Decodes the reply to `command` (a line without its `\n`). The shape of `OK` depends on the command.
    public init<Line: Collection<UInt8>>(decoding line: Line, answering command: StateCommand) throws(ProtocolError)
    where Line.Index == Int {
        let bytes = Array(line)
        let malformed = ProtocolError(.badArgument, "malformed reply")
        if bytes.starts(with: "ERR ".utf8) {
            let rest = bytes.dropFirst(4)
            let codeEnd = rest.firstIndex(of: UInt8(ascii: " ")) ?? rest.endIndex
            guard let code = StateErrorCode(rawValue: String(decoding: rest[..<codeEnd], as: UTF8.self)) else {
                throw malformed
            }
            let message = codeEnd < rest.endIndex ? String(decoding: rest[(codeEnd + 1)...], as: UTF8.self) : ""
            self = .error(ProtocolError(code, message))
            return
        }
        guard bytes.starts(with: "OK ".utf8) else { throw malformed }
        var fields = try ProtocolFields(bytes.dropFirst(3))
        switch command {
        case .ping: guard fields.next() == "PONG" else { throw malformed }; self = .pong
        case .quit: guard fields.next() == "BYE" else { throw malformed }; self = .bye
        case .help: self = .help; return
        case .balance, .deposit, .withdraw, .create:
            let account = try fields.account()
            self = .balance(account, Money(cents: try fields.cents(in: 0...Int64.max)))
        case .list:
            let count = try fields.cents(in: 0...Int64(Int32.max))
            var accounts: [AccountNumber] = []
            accounts.reserveCapacity(Int(count))
            for _ in 0..<count { accounts.append(try fields.account()) }
            self = .accounts(accounts)
        }
        try fields.expectEnd()
    }
}
