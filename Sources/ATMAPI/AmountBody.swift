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
        try amount(in: try members(of: body, example: #"{"amount":"10.50"}"#), example: #"{"amount":"10.50"}"#)
    }

    /// The amount and destination of a transfer, or the 400 that explains what is wrong with the body.
    public static func transfer(in body: [UInt8]) throws(APIError) -> (Money, AccountNumber) {
        let example = #"{"to_account":"1002","amount":"5.00"}"#
        let members = try members(of: body, example: example)
        guard let destination = try member("to_account", of: members, example: example) else {
            throw .invalidBody(#"the field "to_account" is required, like \#(example)"#)
        }
        guard case .string(let digits) = destination, let account = AccountNumber(digits) else {
            throw .invalidBody(#"invalid to_account: it must be a JSON string of 1 to 32 digits, like "1002""#)
        }
        return (try amount(in: members, example: example), account)
    }

    private static func members(of body: [UInt8], example: String) throws(APIError) -> [JSONMember] {
        if body.isEmpty { throw .invalidBody("the request body is empty; send a JSON object like \(example)") }
        let document: JSONValue
        do {
            document = try JSONParser.parse(body, maximumDepth: maximumDepth)
        } catch {
            throw .invalidBody("the request body is not valid JSON (\(error)); send a JSON object like \(example)")
        }
        guard case .object(let members) = document else {
            throw .invalidBody(
                "the request body must be a JSON object like \(example), not \(document.kindDescription)")
        }
        return members
    }

    /// The value of the member named `name`, `nil` when absent, 400 when it appears more than once.
    private static func member(
        _ name: StaticString, of members: [JSONMember], example: String
    ) throws(APIError) -> JSONValue? {
        let key = Array(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        var found: JSONValue?
        for member in members where member.key == key {
            guard found == nil else { throw .invalidBody("the field \"\(name)\" appears more than once") }
            found = member.value
        }
        return found
    }

    private static func amount(in members: [JSONMember], example: String) throws(APIError) -> Money {
        guard let amount = try member("amount", of: members, example: example) else {
            throw .invalidBody(#"the field "amount" is required, like \#(example)"#)
        }
        guard case .string(let text) = amount else {
            throw .invalidBody(
                #"invalid amount: it must be a JSON string like "10.50", not \#(amount.kindDescription)"#)
        }
        do {
            return try Money(amount: text)
        } catch {
            throw .invalidAmount(error)
        }
    }
}
