/// The route an HTTP response is counted under: its ``RouteName``, the word a `REPORT` carries.
public typealias ReportedRoute = RouteName
