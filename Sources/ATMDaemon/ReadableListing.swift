import ATMCore
import ATMMoney

/// LIST under an access policy: a page of the accounts the caller may read, in byte order, asked of the
/// store a page at a time so that a caller who may read few accounts of a large bank still gets a full
/// page (or the end), never megabytes at once.
struct ReadableListing {
    let store: any LedgerStore
    let readable: AccessPolicy.ReadableAccounts

    /// How many numbers each store page holds while filtering: at least the page asked for.
    static let batch = 10_000

    /// The outcome of `page` with only readable accounts; a store refusal is passed on as it is.
    func perform(_ page: AccountPage, _ context: OperationContext) -> LedgerOutcome {
        switch readable {
        case .all: return store.perform(.list(page), context)
        case .none: return .accounts([])
        case .ranges: break
        }
        let wanted = page.limit ?? Int.max
        let batch = min(AccountPage.maximumLimit, max(Self.batch, page.limit ?? Self.batch))
        var found: [AccountNumber] = []
        var cursor = page.after
        while found.count < wanted {
            let outcome = store.perform(.list(AccountPage(after: cursor, limit: batch)), context)
            guard case .accounts(let numbers) = outcome else { return outcome }
            for number in numbers where readable.contains(number) {
                found.append(number)
                if found.count == wanted { break }
            }
            guard numbers.count == batch, let last = numbers.last else { break }
            cursor = last
        }
        return .accounts(found)
    }
}
