import ATMCore

extension StateRequest {
    /// Whether the request carries anything a daemon of version 1 refuses as `bad-argument`: a `trace=`,
    /// or LIST's `after=` and `limit=` (both came after it; a daemon of version 2 or later ignores an
    /// attribute it does not know, docs/protocol.md).
    public var needsVersion2: Bool {
        if trace != nil { return true }
        if case .list(let page) = command, page != .all { return true }
        return false
    }

    /// The request as a daemon of version 1 reads it: without a trace, and a LIST of every account (the
    /// handler then cuts the page itself, ``AccountPage``'s reader is the daemon's).
    public var inVersion1Form: StateRequest {
        var request = self
        request.trace = nil
        if case .list = command { request.command = .list(.all) }
        return request
    }
}
