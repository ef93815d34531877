import ATMJSON
import ATMMoney

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
    ///
    /// Members are read one at a time, so a million accounts never exist twice in memory.
    public static func parse(_ json: [UInt8]) throws(Failure) -> [(AccountNumber, Money)] {
        var accounts: [(AccountNumber, Money)] = []
        var seen = Set<AccountNumber>()
        do {
            var members = try JSONParser.ObjectMembers(json, maximumDepth: 2)
            while let member = try members.next() {
                let account = try check(member)
                guard seen.insert(account.0).inserted else {
                    throw Failure.duplicateAccount(String(decoding: member.key, as: UTF8.self))
                }
                accounts.append(account)
            }
        } catch let error as Failure {
            throw error
        } catch let error as JSONError {
            if case .notAnObject = error.reason {
                // Say what it is instead, if it is JSON at all.
                let document: JSONValue
                do throws(JSONError) {
                    document = try JSONParser.parse(json)
                } catch {
                    throw .malformedJSON(error)
                }
                throw .notAnObject(document.kindDescription)
            }
            throw .malformedJSON(error)
        } catch {
            throw .malformedJSON(JSONError(.unexpectedEnd, at: 0))
        }
        return accounts
    }

    private static func check(_ member: JSONMember) throws(Failure) -> (AccountNumber, Money) {
        let key = String(decoding: member.key, as: UTF8.self)
        guard let account = AccountNumber(member.key) else { throw .invalidAccountNumber(key) }
        guard case .string(let text) = member.value else {
            throw .amountNotAString(account: key, kind: member.value.kindDescription)
        }
        do {
            return (account, try Money(balance: text))
        } catch {
            throw .invalidAmount(account: key, value: String(decoding: text, as: UTF8.self), error)
        }
    }
}
