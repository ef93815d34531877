import ATMJSON
import ATMMoney
import HTTP1

/// The body of a deposit or withdrawal: `{"amount":"10.50"}`; other members are ignored, as the original service did.
public enum AmountBody {
    /// How deep a body may nest before it is refused unread.
    public static let maximumDepth = 16

    /// The amount in the body, or the 400 that explains what is wrong with it.
    public static func parse(_ body: [UInt8]) throws(APIError) -> Money {
        let example = #"{"amount":"10.50"}"#
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
        let amounts = members.filter { $0.key == Array("amount".utf8) }
        guard amounts.count <= 1 else { throw .invalidBody(#"the field "amount" appears more than once"#) }
        guard let amount = amounts.first else {
            throw .invalidBody(#"the field "amount" is required, like \#(example)"#)
        }
        guard case .string(let text) = amount.value else {
            throw .invalidBody(
                #"invalid amount: it must be a JSON string like "10.50", not \#(amount.value.kindDescription)"#)
        }
        do {
            return try Money(amount: text)
        } catch {
            throw .invalidAmount(error)
        }
    }
}
