import ATMCore
import ATMJSON
import ATMMoney
import ATMProtocol

/// The message table's rows for a body or query the API refused: the amount's grammar, the JSON body's
/// shape, the history query, in every language (called from ``APIError``'s one switch).
extension APIError {
    /// Which rule of the money grammar an amount broke, and what an amount must look like.
    static func detail(of error: MoneyError, in language: Language) -> String {
        let rule: String
        switch error {
        case .empty: rule = language.choose(english: "it is empty", german: "er ist leer")
        case .tooLong: rule = language.choose(english: "it is too long", german: "er ist zu lang")
        case .invalidCharacter:
            rule = language.choose(
                english: "only the digits 0-9 and one '.' are allowed",
                german: "erlaubt sind nur die Ziffern 0-9 und ein '.'")
        case .missingWholeDigits:
            rule = language.choose(
                english: "a digit must come before the '.'", german: "vor dem '.' muss eine Ziffer stehen")
        case .missingFractionDigits:
            rule = language.choose(
                english: "a digit must follow the '.'", german: "nach dem '.' muss eine Ziffer folgen")
        case .tooManyFractionDigits:
            rule = language.choose(
                english: "at most two decimals are allowed", german: "erlaubt sind höchstens zwei Nachkommastellen")
        case .notPositive:
            rule = language.choose(english: "it must be greater than zero", german: "er muss größer als null sein")
        case .tooLarge:
            rule = language.choose(
                english: "it must be at most 1000000000000.00", german: "er darf höchstens 1000000000000.00 betragen")
        }
        return language.choose(
            english:
                #"invalid amount: \#(rule); an amount is a string of digits with up to two decimals, like "10.50""#,
            german: #"""
                ungültiger Betrag: \#(rule); ein Betrag ist eine Zeichenkette aus Ziffern mit höchstens zwei \#
                Nachkommastellen, etwa "10.50"
                """#)
    }

    /// What is wrong with a movement's body, quoting what one looks like.
    static func detail(of problem: BodyProblem, in language: Language) -> String {
        switch problem {
        case .empty(let example):
            return language.choose(
                english: "the request body is empty; send a JSON object like \(example.text)",
                german: "der Body der Anfrage ist leer; senden Sie ein JSON-Objekt wie \(example.text)")
        case .notJSON(let error, let example):
            return language.choose(
                english: "the request body is not valid JSON (\(error)); send a JSON object like \(example.text)",
                german: """
                    der Body der Anfrage ist kein gültiges JSON (\(germanDetail(of: error))); senden Sie ein \
                    JSON-Objekt wie \(example.text)
                    """)
        case .notAnObject(let kind, let example):
            return language.choose(
                english: "the request body must be a JSON object like \(example.text), not \(englishName(of: kind))",
                german: """
                    der Body der Anfrage muss ein JSON-Objekt wie \(example.text) sein, nicht \
                    \(germanName(of: kind))
                    """)
        case .missing(let field, let example):
            return language.choose(
                english: #"the field "\#(field.name)" is required, like \#(example.text)"#,
                german: #"das Feld "\#(field.name)" ist erforderlich, wie in \#(example.text)"#)
        case .repeated(let field):
            return language.choose(
                english: #"the field "\#(field.name)" appears more than once"#,
                german: #"das Feld "\#(field.name)" kommt mehr als einmal vor"#)
        case .invalidDestination:
            return language.choose(
                english: #"invalid to_account: it must be a JSON string of 1 to 32 digits, like "1002""#,
                german: #"ungültiges to_account: es muss ein JSON-String aus 1 bis 32 Ziffern sein, etwa "1002""#)
        case .amountNotAString(let kind):
            return language.choose(
                english: #"invalid amount: it must be a JSON string like "10.50", not \#(englishName(of: kind))"#,
                german: #"ungültiger Betrag: er muss ein JSON-String wie "10.50" sein, nicht \#(germanName(of: kind))"#)
        }
    }

    /// `null`, `a number`, …: as ``JSONValue/kindDescription`` says it.
    static func englishName(of kind: BodyProblem.Kind) -> String {
        switch kind {
        case .null: return "null"
        case .boolean: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    static func germanName(of kind: BodyProblem.Kind) -> String {
        switch kind {
        case .null: return "null"
        case .boolean: return "ein Wahrheitswert"
        case .number: return "eine Zahl"
        case .string: return "ein String"
        case .array: return "ein Array"
        case .object: return "ein Objekt"
        }
    }

    /// ``JSONError``'s description (the English column, which ATMJSON keeps for its other readers) in German.
    static func germanDetail(of error: JSONError) -> String {
        let offset = error.offset
        switch error.reason {
        case .unexpectedEnd: return "fehlerhaftes JSON: das Dokument endet zu früh"
        case .unexpectedByte(let byte):
            let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "Byte \(byte)"
            return "fehlerhaftes JSON: unerwartetes \(shown) an Position \(offset)"
        case .invalidUTF8: return "fehlerhaftes JSON: ungültiges UTF-8 an Position \(offset)"
        case .invalidEscape: return "fehlerhaftes JSON: ungültige Escape-Sequenz an Position \(offset)"
        case .controlCharacterInString: return "fehlerhaftes JSON: unmaskiertes Steuerzeichen an Position \(offset)"
        case .invalidNumber: return "fehlerhaftes JSON: ungültige Zahl an Position \(offset)"
        case .tooDeep: return "fehlerhaftes JSON: zu tief verschachtelt"
        case .trailingData: return "fehlerhaftes JSON: zusätzliche Daten nach dem Dokument an Position \(offset)"
        case .notAnObject: return "das Dokument ist kein JSON-Objekt"
        }
    }

    /// What is wrong with a history query.
    static func detail(of problem: QueryProblem, in language: Language) -> String {
        switch problem {
        case .badEscape:
            return language.choose(
                english: "the query is not validly percent-encoded",
                german: "der Query-String ist nicht korrekt prozentkodiert")
        case .limitRepeated:
            return language.choose(
                english: "limit may appear only once", german: "limit darf nur einmal vorkommen")
        case .limitOutOfRange(let maximum):
            return language.choose(
                english: "limit must be a whole number from 1 to \(maximum)",
                german: "limit muss eine ganze Zahl von 1 bis \(maximum) sein")
        case .beforeRepeated:
            return language.choose(
                english: "before may appear only once", german: "before darf nur einmal vorkommen")
        case .beforeInvalid:
            return language.choose(
                english: "before must be the id of a transaction from an earlier page",
                german: "before muss die ID einer Transaktion von einer früheren Seite sein")
        case .afterRepeated:
            return language.choose(
                english: "after may appear only once", german: "after darf nur einmal vorkommen")
        case .afterInvalid:
            return language.choose(
                english: "after must be an account number (the next of an earlier page)",
                german: "after muss eine Kontonummer sein (das next einer früheren Seite)")
        }
    }
}
