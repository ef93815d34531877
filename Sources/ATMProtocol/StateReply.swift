import ATMBytes
import ATMCore
import ATMMoney

/// One reply line of the `atm-stated` wire protocol: `OK …`, `ERR <code> <message>`, or either after `REPLAY `.
public enum StateReply: Sendable, Hashable {
    case pong
    case bye
    case help
    /// `OK READY`: the daemon can serve changes now.
    case ready
    case balance(AccountNumber, Money)
    case accounts([AccountNumber])
    /// An account's newest applied changes, newest first.
    case history(AccountNumber, [HistoryEntry])
    case error(ProtocolError)
    /// The stored outcome of an earlier command with the same idempotency key: nothing was applied now.
    indirect case replayed(StateReply)

    static let helpText: StaticString =
        "commands: PING, HELP, LIST [after=<account>] [limit=<n>], READY, QUIT, BALANCE <account>, DEPOSIT <account> <cents>, WITHDRAW <account> <cents>, TRANSFER <from> <to> <cents>, HISTORY <account> <limit> [<before>], CREATE <account> <cents>, HELLO <version>; attributes: budget=<ms> deadline=<ms> key=<key> request=<id> identity=<subject> address=<address> trace=<trace-id>-<span-id>"

    /// The line to send, newline included.
    public var encoded: [UInt8] {
        var line: [UInt8] = []
        append(to: &line)
        line.append(UInt8(ascii: "\n"))
        return line
    }

    private func append(to line: inout [UInt8]) {
        switch self {
        case .pong: line.append(ascii: "OK PONG")
        case .bye: line.append(ascii: "OK BYE")
        case .ready: line.append(ascii: "OK READY")
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
        case .history(let account, let entries):
            line.append(ascii: "OK ")
            line.append(utf8: account.digits)
            line.append(UInt8(ascii: " "))
            line.append(decimal: Int64(entries.count))
            for entry in entries {
                line.append(UInt8(ascii: " "))
                line += entry.encoded
            }
        case .error(let error):
            line.append(ascii: "ERR ")
            line.append(ascii: error.code.described.name)
            line.append(UInt8(ascii: " "))
            line.append(utf8: error.message)
        case .replayed(let original):
            line.append(ascii: "REPLAY ")
            original.append(to: &line)
        }
    }
}

extension StateReply {
    /// Decodes the reply to `command` (a line without its `\n`), checking that it answers that command:
    /// the shape of `OK` depends on the command, and its account must be the one asked about.
    public init(decoding line: ArraySlice<UInt8>, answering command: StateCommand) throws(ProtocolError) {
        if ASCII.hasPrefix(line, "REPLAY ") {
            guard command.movesMoney else { throw Self.malformed }
            let original = try StateReply(decoding: line.dropFirst(7), answering: command)
            if case .replayed = original { throw Self.malformed }
            self = .replayed(original)
            return
        }
        if ASCII.hasPrefix(line, "ERR ") {
            let rest = line.dropFirst(4)
            let codeEnd = rest.firstIndex(of: UInt8(ascii: " ")) ?? rest.endIndex
            guard let code = ErrorCode(name: rest[..<codeEnd]) else {
                throw Self.malformed
            }
            let message = codeEnd < rest.endIndex ? String(decoding: rest[(codeEnd + 1)...], as: UTF8.self) : ""
            self = .error(ProtocolError(code, message))
            return
        }
        guard ASCII.hasPrefix(line, "OK ") else { throw Self.malformed }
        var fields = try ProtocolFields(line.dropFirst(3))
        switch command {
        case .ping:
            guard let word = fields.next(), ASCII.equals(word, "PONG") else { throw Self.malformed }
            self = .pong
        case .quit:
            guard let word = fields.next(), ASCII.equals(word, "BYE") else { throw Self.malformed }
            self = .bye
        case .ready:
            guard let word = fields.next(), ASCII.equals(word, "READY") else { throw Self.malformed }
            self = .ready
        case .help:
            self = .help
            return
        case .balance(let asked), .deposit(_, let asked), .withdraw(_, let asked), .transfer(_, let asked, _),
            .create(let asked, _):
            let account = try fields.account()
            guard account == asked else { throw ProtocolError(.badArgument, "the reply names another account") }
            self = .balance(account, Money(cents: try fields.cents(in: 0...Int64.max)))
        case .history(let asked, let limit, _):
            let account = try fields.account()
            guard account == asked else { throw ProtocolError(.badArgument, "the reply names another account") }
            let count = try fields.cents(in: 0...Int64(limit))
            var entries: [HistoryEntry] = []
            entries.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let field = fields.next() else { throw Self.malformed }
                entries.append(try HistoryEntry(decoding: field))
            }
            self = .history(account, entries)
        case .list(let page):
            // Each account takes at least two bytes (" 1"): a count the line cannot hold is a lie,
            // refused before it can size an allocation; nor may a page hold more than it asked for.
            let count = try fields.cents(in: 0...Int64(min(line.count / 2, page.limit ?? Int.max)))
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

    private static let malformed = ProtocolError(.badArgument, "malformed reply")
}
