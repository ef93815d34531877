import ATMProtocol

extension RouteName {
    /// `/health/ready` and `/health/live`, the probes an orchestrator or load balancer asks every few
    /// seconds: they name no account and cost at most one daemon round trip, where `/health` lists accounts.
    var probeDescription: RouteDescription {
        if self == .live {
            return RouteDescription(
                path: .fixed("/health/live"),
                methods: .read,
                answer: .local,
                summary: """
                    Liveness: the handler runs and reads requests. Asks no daemon, names no account; a failure means \
                    restart the service. HEAD is answered too, without a body.
                    """,
                success: #"""
                    {
                      "description": "The handler is alive.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Probe"
                          },
                          "example": {
                            "status": "live"
                          }
                        }
                      }
                    }
                    """#)
        }
        return RouteDescription(
            path: .fixed("/health/ready"),
            methods: .read,
            answer: .probe,
            summary: """
                Readiness: the state daemon answers and can make changes durable now (its journal accepts writes; \
                with PostgreSQL, the database answers SELECT 1 within 500 ms). One daemon round trip, no account \
                named, open under any access policy and never rate limited; 503 with Retry-After: 1 says send \
                clients elsewhere for now. HEAD is answered too, without a body.
                """,
            success: #"""
                {
                  "description": "The service can serve every route now.",
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/Probe"
                      },
                      "example": {
                        "status": "ready"
                      }
                    }
                  }
                }
                """#)
    }
}
