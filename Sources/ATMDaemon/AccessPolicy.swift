import ATMBytes
import ATMCore
import ATMMoney
import ATMProtocol

/// Which client identities may do which operations on which accounts: the file `ATM_STATED_POLICY`
/// names (docs/security.md), enforced by the daemon on every command a handler forwards.
///
/// One rule a line, `allow OPERATIONS ACCOUNTS IDENTITY`; `#` starts a comment line:
///
///     allow balance,deposit,withdraw,transfer * CN=terminal-0042, O=ATM network
///     allow history 1001,2000-2999 CN=auditor, O=ATM network
///
/// OPERATIONS is `*` or a comma list of `balance`, `deposit`, `withdraw`, `transfer`, `history`
/// (one per route that reaches an account) and `metrics` (`/metrics`, which names no account: a rule
/// grants it when it names `metrics`, or when both its OPERATIONS and ACCOUNTS are `*`). ACCOUNTS is `*` or a comma list of account numbers and
/// `LOW-HIGH` ranges (compared as numbers). IDENTITY is the rest of the line, the certificate subject
/// exactly as stunnel gives it, or `*` for any client with a certificate. Anything not allowed is refused;
/// a transfer needs both of its accounts allowed.
public struct AccessPolicy: Sendable {
    /// What a command is, for the policy: the ``RouteName/operation`` of the route that sends it.
    public typealias Operation = AccessOperation

    /// One `allow` line.
    public struct Rule: Sendable, Hashable {
        /// `nil`: every operation.
        public var operations: Set<Operation>?
        /// `nil`: every account.
        public var accounts: [ClosedRange<AccountOrder>]?
        /// `nil`: any identity.
        public var identity: ClientSubject?
    }

    /// An account number ordered as a number (shorter first, then digit by digit), for ranges.
    public struct AccountOrder: Sendable, Hashable, Comparable {
        let digits: [UInt8]

        init(_ account: AccountNumber) {
            var digits = Array(account.digits.utf8)[...]
            while digits.count > 1 && digits.first == UInt8(ascii: "0") { digits = digits.dropFirst() }
            self.digits = Array(digits)
        }

        public static func < (lhs: AccountOrder, rhs: AccountOrder) -> Bool {
            lhs.digits.count != rhs.digits.count
                ? lhs.digits.count < rhs.digits.count : lhs.digits.lexicographicallyPrecedes(rhs.digits)
        }
    }

    /// What the policy says about one command from one identity.
    public enum Decision: Sendable, Hashable {
        case allowed
        /// No identity, and this command needs one.
        case unauthenticated
        /// This identity may not do this command.
        case forbidden
    }

    /// A line the parser could not read, with its number (from 1) and why.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public let rules: [Rule]

    /// Reads a policy file's bytes.
    public init(parsing text: [UInt8]) throws(ParseError) {
        var rules: [Rule] = []
        var number = 0
        for rawLine in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = Self.trimmed(rawLine)
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            rules.append(try Self.rule(line, number: number))
        }
        self.rules = rules
    }

    /// The operation `command` is, or `nil` for one the policy does not govern (PING, HELP, QUIT, READY,
    /// LIST, which the policy filters instead: ``readableAccounts(identity:)``, and CREATE, which only an
    /// admin peer may send).
    public static func operation(of command: StateCommand) -> (Operation, [AccountNumber])? {
        switch command {
        case .ping, .help, .quit, .ready, .list, .create: return nil
        case .balance(let account): return (.balance, [account])
        case .deposit(_, let account): return (.deposit, [account])
        case .withdraw(_, let account): return (.withdraw, [account])
        case .transfer(_, let source, let destination): return (.transfer, [source, destination])
        case .history(let account, _, _): return (.history, [account])
        }
    }

    /// Whether `identity` may send `command`.
    public func decision(for command: StateCommand, identity: ClientSubject?) -> Decision {
        guard let (operation, accounts) = Self.operation(of: command) else { return .allowed }
        return decision(for: operation, on: accounts, identity: identity)
    }

    /// Whether `identity` may do `operation` on every one of `accounts`.
    public func decision(
        for operation: Operation, on accounts: [AccountNumber], identity: ClientSubject?
    ) -> Decision {
        guard let identity else { return .unauthenticated }
        let orders = accounts.map(AccountOrder.init)  // once, not once per rule
        for rule in rules {
            if let wanted = rule.identity, wanted != identity { continue }
            if let operations = rule.operations, !operations.contains(operation) { continue }
            // `/metrics` names no account, so a rule limited to some accounts says nothing about it unless
            // it names `metrics`: `allow * 1001-1003 CN=t` is a terminal's rule, not an operator's.
            if operation == .metrics, rule.operations == nil, rule.accounts != nil { continue }
            if let ranges = rule.accounts {
                let covered = orders.allSatisfy { order in ranges.contains { $0.contains(order) } }
                if !covered { continue }
            }
            return .allowed
        }
        return .forbidden
    }

    private static func rule(_ line: ArraySlice<UInt8>, number: Int) throws(ParseError) -> Rule {
        var rest = line
        func word() -> ArraySlice<UInt8> {
            let end = rest.firstIndex { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ?? rest.endIndex
            let found = rest[..<end]
            rest = trimmed(rest[end...])
            return found
        }
        guard ASCII.equals(word(), "allow") else {
            throw ParseError(line: number, reason: "a rule is `allow OPERATIONS ACCOUNTS IDENTITY`")
        }
        let operationsField = word()
        let accountsField = word()
        guard !operationsField.isEmpty, !accountsField.isEmpty, !rest.isEmpty else {
            throw ParseError(line: number, reason: "a rule is `allow OPERATIONS ACCOUNTS IDENTITY`")
        }
        var rule = Rule()
        if !ASCII.equals(operationsField, "*") {
            var operations = Set<Operation>()
            for name in operationsField.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                guard let operation = Operation(rawValue: String(decoding: name, as: UTF8.self)) else {
                    throw ParseError(
                        line: number,
                        reason: "unknown operation \"\(String(decoding: name, as: UTF8.self))\"; use *, "
                            + Operation.allCases.map(\.rawValue).joined(separator: ", "))
                }
                operations.insert(operation)
            }
            rule.operations = operations
        }
        if !ASCII.equals(accountsField, "*") {
            var ranges: [ClosedRange<AccountOrder>] = []
            for item in accountsField.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                let dash = item.firstIndex(of: UInt8(ascii: "-"))
                let low = AccountNumber(item[..<(dash ?? item.endIndex)])
                let high = dash.map { AccountNumber(item[($0 + 1)...]) } ?? low
                guard let low, let high, AccountOrder(low) <= AccountOrder(high) else {
                    throw ParseError(
                        line: number,
                        reason: "accounts are *, or account numbers and LOW-HIGH ranges separated by commas")
                }
                ranges.append(AccountOrder(low)...AccountOrder(high))
            }
            rule.accounts = ranges
        }
        if !ASCII.equals(rest, "*") {
            guard let subject = ClientSubject(Array(rest)) else {
                throw ParseError(line: number, reason: "an identity is at most \(ClientSubject.maximumLength) bytes")
            }
            rule.identity = subject
        }
        return rule
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        while let first = bytes.first, blank(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, blank(last) { bytes = bytes.dropLast() }
        return bytes
    }
}
