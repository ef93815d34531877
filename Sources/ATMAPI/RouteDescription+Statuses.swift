import ATMProtocol

extension RouteDescription {
    /// Statuses any request can be answered with before its route matters: framing (400, 408, 414, 417, 431,
    /// 501, 505), a wrong method (405), and a handler setting or daemon reply it cannot use (500).
    static let framingStatuses = [400, 405, 408, 414, 417, 431, 500, 501, 505]
}

extension RouteName {
    /// Every status the route can answer, ascending: those any request can have, and those of its kind,
    /// its account and its access policy operation. The OpenAPI document lists exactly these.
    var statuses: [Int] {
        let route = http
        var statuses = [200] + RouteDescription.framingStatuses
        if operation != nil { statuses += [401, 403] }
        if case .account = route.path { statuses.append(404) }
        switch route.answer {
        case .query: statuses += [429, 503]
        case .movement: statuses += [409, 411, 413, 415, 422, 429, 503, 504]
        case .document: statuses.append(304)
        case .probe: statuses.append(503)
        case .local: break
        }
        return statuses.sorted()
    }
}
