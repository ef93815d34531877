import ATMJSON
import ATMMoney
import HTTP1

/// The body of a movement: `{"amount":"10.50"}`, and for a transfer `{"to_account":"1002","amount":"5.00"}`.
///
/// Other members are ignored, as the original service did; a member given twice is refused.
public enum AmountBody {
    /// How deep a body may nest before it is refused unread.
    public static let maximumDepth = 16

    /// The amount of a deposit or withdrawal, or the 400 that explains what is wrong with the body.
    public static func amount(in body: [UInt8]) throws(APIError) -> Money {
        try amount(in: try members(of: body, example: .amount), example: .amount)
    }

    /// The amount and destination of a transfer, or the 400 that explains what is wrong with the body.
    public static func transfer(in body: [UInt8]) throws(APIError) -> (Money, AccountNumber) {
        let members = try members(of: body, example: .transfer)
        guard let destination = try member(.toAccount, of: members) else {
            throw .invalidBody(.missing(.toAccount, .transfer))
        }
        guard case .string(let digits) = destination, let account = AccountNumber(digits) else {
            throw .invalidBody(.invalidDestination)
        }
        return (try amount(in: members, example: .transfer), account)
    }

    private static func members(of body: [UInt8], example: BodyProblem.Example) throws(APIError) -> [JSONMember] {
        if body.isEmpty { throw .invalidBody(.empty(example)) }
        let document: JSONValue
        do {
            document = try JSONParser.parse(body, maximumDepth: maximumDepth)
        } catch {
            throw .invalidBody(.notJSON(error, example))
        }
        guard case .object(let members) = document else {
            throw .invalidBody(.notAnObject(BodyProblem.Kind(of: document), example))
        }
        return members
    }

    /// The value of the member `field`, `nil` when absent, 400 when it appears more than once.
    private static func member(_ field: BodyProblem.Field, of members: [JSONMember]) throws(APIError) -> JSONValue? {
        let key = Array(field.name.utf8)
        var found: JSONValue?
        for member in members where member.key == key {
            guard found == nil else { throw .invalidBody(.repeated(field)) }
            found = member.value
        }
        return found
    }

    private static func amount(in members: [JSONMember], example: BodyProblem.Example) throws(APIError) -> Money {
        guard let amount = try member(.amount, of: members) else {
            throw .invalidBody(.missing(.amount, example))
        }
        guard case .string(let text) = amount else {
            throw .invalidBody(.amountNotAString(BodyProblem.Kind(of: amount)))
        }
        do {
            return try Money(amount: text)
        } catch {
            throw .invalidAmount(error)
        }
    }
}
