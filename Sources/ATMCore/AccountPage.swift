import ATMMoney

/// Which account numbers a LIST asks for: those after a cursor, in byte order, at most so many.
///
/// The bare LIST asks for every account (``all``), as the original `/health` listed them; a bank of a
/// million accounts makes that megabytes, so `/health` asks a page at a time (docs/protocol.md, LIST).
public struct AccountPage: Sendable, Hashable {
    /// Only accounts after this one in byte order (``AccountNumber``'s order); `nil` from the first.
    public var after: AccountNumber?
    /// At most this many, 1 to ``maximumLimit``; `nil` for no bound (the bare LIST).
    public var limit: Int?

    public init(after: AccountNumber? = nil, limit: Int? = nil) {
        self.after = after
        self.limit = limit
    }

    /// Every account: the bare LIST.
    public static let all = AccountPage()

    /// The most accounts one page may ask for: a reply line of about 34 MB at 32 digits each, under the
    /// handler's 64 MiB bound on a reply.
    public static let maximumLimit = 1_000_000

    /// The page of `sorted` (account numbers in byte order) this asks for.
    public func slice(of sorted: [AccountNumber]) -> ArraySlice<AccountNumber> {
        var start = sorted.startIndex
        if let after {
            var low = sorted.startIndex
            var high = sorted.endIndex
            while low < high {  // the first index whose number is after the cursor
                let middle = low + (high - low) / 2
                if after < sorted[middle] { high = middle } else { low = middle + 1 }
            }
            start = low
        }
        let end = limit.map { min(sorted.endIndex, start + $0) } ?? sorted.endIndex
        return sorted[start..<end]
    }
}
