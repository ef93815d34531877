import ATMProtocol
import Testing

@Suite struct RouteNameTests {
    @Test func everyRouteNameTravelsInAReportAndBack() throws {
        for route in RouteName.allCases {
            let line = MetricsCommand.report(route, status: 200).encoded
            let decoded = try MetricsCommand(decoding: line.dropLast()[...])
            #expect(decoded == .report(route, status: 200), "\(route)")
            #expect(RouteName(Array(route.rawValue.utf8)[...]) == route)
        }
        #expect(RouteName(Array("elsewhere".utf8)[...]) == nil)
    }

    /// Each policy operation is the operation of exactly one route, so a policy word names one route.
    @Test func everyAccessOperationBelongsToExactlyOneRoute() {
        for operation in AccessOperation.allCases {
            #expect(RouteName.allCases.filter { $0.operation == operation }.count == 1, "\(operation)")
        }
        #expect(RouteName.transactions.operation == .history)
        #expect(RouteName.health.operation == nil && RouteName.unmatched.operation == nil)
    }
}
