/// The accounts `atm-stated` starts with: PRELOAD_ACCOUNTS, or the demo set when it is unset.
public enum PreloadAccounts {
    /// The demo accounts of the original service, in the order they are listed.
    public static let demo: [(AccountNumber, Money)] = [
        ("1001", 1_000_00), ("1002", 250_50), ("1003", 5_000_00), ("1004", 75_25), ("2001", 0),
    ].map { (AccountNumber(Array($0.0.utf8))!, Money(cents: $0.1)) }

    /// Why PRELOAD_ACCOUNTS was refused; `description` names the offending key or value.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case malformedJSON(JSONError)
        case notAnObject(String)
        case invalidAccountNumber(String)
        case duplicateAccount(String)
        case amountNotAString(account: String, kind: String)
        case invalidAmount(account: String, value: String, MoneyError)

        public var description: String {
            switch self {
            case .malformedJSON(let error): return "PRELOAD_ACCOUNTS is not valid JSON: \(error)"
            case .notAnObject(let kind):
                return #"PRELOAD_ACCOUNTS must be a JSON object like {"1001":"1000.00"}, not \#(kind)"#
            case .invalidAccountNumber(let key):
                return "PRELOAD_ACCOUNTS: account number \(quoted(key)) must be 1 to 32 ASCII digits"
            case .duplicateAccount(let key): return "PRELOAD_ACCOUNTS: account \(quoted(key)) appears more than once"
            case .amountNotAString(let account, let kind):
                return "PRELOAD_ACCOUNTS: the balance of account \(quoted(account)) must be a string, not \(kind)"
            case .invalidAmount(let account, let value, let error):
                let reason: String
                switch error {
                case .notPositive, .tooLarge:
                    reason = "it must be from 0.00 to \(Money.largestBalance)"
                default:
                    reason = "it must be digits with up to two decimals, like \"10.50\""
                }
                return "PRELOAD_ACCOUNTS: balance \(quoted(value)) of account \(quoted(account)) is invalid: \(reason)"
            }
        }

        private func quoted(_ text: String) -> String {
            var result = "\""
            for scalar in text.unicodeScalars.prefix(64) {
                result += scalar.value >= 0x20 && scalar.value < 0x7F ? String(scalar) : scalar.escaped(asASCII: true)
            }
            return result + (text.unicodeScalars.count > 64 ? "…\"" : "\"")
        }
    }

    /// Parses a JSON object of account number → balance string; all or nothing.
    public static func parse(_ json: [UInt8]) throws(Failure) -> [(AccountNumber, Money)] {
        let document: JSONValue
        do {
            document = try JSONParser.parse(json, maximumDepth: 2)
        } catch {
            throw .malformedJSON(error)
        }
        guard case .object(let members) = document else { throw .notAnObject(document.kindDescription) }
        var seen = Set<AccountNumber>(minimumCapacity: members.count)
        var accounts: [(AccountNumber, Money)] = []
        accounts.reserveCapacity(members.count)
        for member in members {
            let key = String(decoding: member.key, as: UTF8.self)
            guard let account = AccountNumber(member.key) else { throw .invalidAccountNumber(key) }
            guard seen.insert(account).inserted else { throw .duplicateAccount(key) }
            guard case .string(let text) = member.value else {
                throw .amountNotAString(account: key, kind: member.value.kindDescription)
            }
            do {
                accounts.append((account, try Money(balance: text)))
            } catch {
                throw .invalidAmount(account: key, value: String(decoding: text, as: UTF8.self), error)
            }
        }
        return accounts
    }
}
