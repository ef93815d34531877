import ATMAPI
import ATMJSON
import ATMLedger
import ATMMoney

/// Arbitrary bytes as a deposit and a transfer body, as an amount, and as PRELOAD_ACCOUNTS: every accepted amount is
/// in range and survives formatting and parsing again; every refusal has its detail; nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmountBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let amount = try AmountBody.amount(in: input)
        check(amount)
    } catch {
        precondition(error.status.code == 400, "a body error that is not 400")
        precondition(!error.detail.isEmpty)
    }
    do {
        let (amount, destination) = try AmountBody.transfer(in: input)
        check(amount)
        precondition(!destination.digits.isEmpty && destination.digits.utf8.count <= 32)
    } catch {
        precondition(error.status.code == 400, "a transfer body error that is not 400")
        precondition(!error.detail.isEmpty)
    }
    if let amount = try? Money(amount: input) { check(amount) }
    if let balance = try? Money(balance: input) {
        precondition(balance >= .zero)
        precondition((try? Money(balance: balance.formattedBytes)) == balance, "balance did not round-trip")
    }
    _ = try? JSONParser.parse(input)
    do {
        let accounts = try PreloadAccounts.parse(input)
        precondition(Set(accounts.map(\.0)).count == accounts.count, "a duplicate account was accepted")
        precondition(accounts.allSatisfy { $0.1 >= .zero })
    } catch {
        precondition(error.description.hasPrefix("PRELOAD_ACCOUNTS"))
    }
    return 0
}

private func check(_ amount: Money) {
    precondition(amount > .zero && amount <= .largestAmount, "an amount out of range was accepted")
    precondition((try? Money(amount: amount.formattedBytes)) == amount, "amount did not round-trip")
}
