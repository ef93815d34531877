import ATMJSON

/// What is wrong with the JSON body of a movement (``AmountBody``): the reason of a 400, said in the
/// client's language by ``APIError``'s table.
public enum BodyProblem: Sendable, Hashable {
    /// What a body of this route looks like, quoted in the sentence.
    public enum Example: Sendable, Hashable {
        /// `{"amount":"10.50"}`: a deposit or a withdrawal.
        case amount
        /// `{"to_account":"1002","amount":"5.00"}`.
        case transfer

        public var text: String {
            switch self {
            case .amount: return #"{"amount":"10.50"}"#
            case .transfer: return #"{"to_account":"1002","amount":"5.00"}"#
            }
        }
    }

    /// The JSON kinds a sentence names.
    public enum Kind: Sendable, Hashable {
        case null, boolean, number, string, array, object

        public init(of value: JSONValue) {
            switch value {
            case .null: self = .null
            case .bool: self = .boolean
            case .number: self = .number
            case .string: self = .string
            case .array: self = .array
            case .object: self = .object
            }
        }
    }

    /// A member of the body.
    public enum Field: Sendable, Hashable {
        case amount
        case toAccount

        public var name: String {
            switch self {
            case .amount: return "amount"
            case .toAccount: return "to_account"
            }
        }
    }

    case empty(Example)
    case notJSON(JSONError, Example)
    case notAnObject(Kind, Example)
    /// A required member is absent.
    case missing(Field, Example)
    /// A member appears more than once.
    case repeated(Field)
    case invalidDestination
    case amountNotAString(Kind)
}
