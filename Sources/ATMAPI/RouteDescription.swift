import ATMProtocol

/// The HTTP side of one route, the single place a route is described: its path and methods (which
/// ``Route`` matches and checks), what answers it (which the ``RequestPlan`` follows), the statuses it
/// can answer, and its part of the OpenAPI document (``OpenAPIDocument`` generates `paths` from it).
///
/// Adding a route is a case in ``RouteName`` (its report word and policy operation), its entry here, and
/// its plan in ``RequestPlan``. Every field is a literal, so reading one on the request path allocates
/// nothing. The OpenAPI parts are JSON text, parsed only when the document is built; what every route
/// of a kind has (parameters, headers, the shared error responses) is derived, not repeated.
struct RouteDescription {
    /// How the path is spelled.
    enum Path {
        /// Exactly this path.
        case fixed(StaticString)
        /// `/accounts/{account_number}/` and this action.
        case account(StaticString)
    }

    /// The methods the route answers.
    enum Methods {
        /// GET, and HEAD with it.
        case read
        case post

        /// The `Allow` field value for a 405.
        var allow: String {
            switch self {
            case .read: return "GET, HEAD"
            case .post: return "POST"
            }
        }
    }

    /// What answers the route, which decides the statuses it can have besides the ones every request can.
    enum Answer {
        /// A question for the daemon without a body (503 when it is down, 429 when it limits the client).
        case query
        /// A change of money whose details are in the JSON body, idempotent with a key.
        case movement
        /// A static document, revalidated with its ETag (304).
        case document
        /// A probe of the daemon that is neither governed nor rate limited (503 when it cannot serve).
        case probe
        /// Answered by the handler alone.
        case local
    }

    /// `nil` for ``RouteName/unmatched``, which no path reaches.
    var path: Path?
    var methods: Methods
    var answer: Answer
    /// The OpenAPI operation's summary, plain text.
    var summary: StaticString
    /// A JSON array of parameters besides the derived ones (account number, Idempotency-Key, X-Request-ID).
    var queryParameters: StaticString = "[]"
    /// The JSON `requestBody` object of a route that reads one.
    var requestBody: StaticString? = nil
    /// The JSON 200 response object, without its headers (derived from ``answer``).
    var success: StaticString
    /// A JSON 400 response object (without headers) more specific than the shared `Malformed`.
    var badRequest: StaticString? = nil
    /// A JSON 404 response object (without headers) more specific than the shared `AccountNotFound`.
    var notFound: StaticString? = nil
}

extension RouteName {
    /// The route's HTTP description.
    var http: RouteDescription {
        switch self {
        case .health:
            return RouteDescription(
                path: .fixed("/health"),
                methods: .read,
                answer: .query,
                summary: """
                    Every account number in byte order, a page at a time past ATM_HEALTH_ACCOUNTS_LIMIT (default \
                    10000): a page that is not the last carries next, to pass as after. Without an access policy and \
                    within the limit, the original service's answer. Under an access policy (ATM_STATED_POLICY) only \
                    the accounts the client's certificate identity may read (balance or history) are listed, and none \
                    without a certificate. For probes use /health/ready or /health/live, which name no account. \
                    HEAD is answered too, without a body.
                    """,
                queryParameters: #"""
                    [
                      {
                        "$ref": "#/components/parameters/HealthAfter"
                      },
                      {
                        "$ref": "#/components/parameters/HealthLimit"
                      }
                    ]
                    """#,
                success: #"""
                    {
                      "description": "The service and its state daemon are up; a page of the account numbers.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Health"
                          },
                          "examples": {
                            "whole": {
                              "value": {
                                "status": "ok",
                                "accounts": [
                                  "1001",
                                  "1002"
                                ]
                              }
                            },
                            "page": {
                              "value": {
                                "status": "ok",
                                "accounts": [
                                  "1001",
                                  "1002"
                                ],
                                "next": "1002"
                              }
                            }
                          }
                        }
                      }
                    }
                    """#,
                badRequest: #"""
                    {
                      "description": "A bad after or limit (or malformed framing).",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Error"
                          },
                          "example": {
                            "detail": "limit must be a whole number from 1 to 10000"
                          }
                        }
                      }
                    }
                    """#)
        case .ready, .live:
            return probeDescription
        case .balance:
            return RouteDescription(
                path: .account("balance"),
                methods: .read,
                answer: .query,
                summary: "The balance of one account. HEAD is answered too, without a body.",
                success: #"""
                    {
                      "description": "The account's balance.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Balance"
                          },
                          "example": {
                            "account_number": "1001",
                            "balance": "1000.00"
                          }
                        }
                      }
                    }
                    """#)
        case .deposit:
            return RouteDescription(
                path: .account("deposit"),
                methods: .post,
                answer: .movement,
                summary: "Adds an amount to an account.",
                requestBody: #"""
                    {
                      "required": true,
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/AmountRequest"
                          },
                          "example": {
                            "amount": "10.50"
                          }
                        }
                      }
                    }
                    """#,
                success: #"""
                    {
                      "description": "The account's balance after the operation.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Balance"
                          },
                          "example": {
                            "account_number": "1001",
                            "balance": "1010.50"
                          }
                        }
                      }
                    }
                    """#,
                badRequest: #"""
                    {
                      "description": "An invalid body or amount, a balance past the limit, or malformed framing.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Error"
                          },
                          "examples": {
                            "invalid amount": {
                              "value": {
                                "detail": "invalid amount: at most two decimals are allowed; an amount is a string of digits \#
                    with up to two decimals, like \"10.50\""
                              }
                            },
                            "balance limit exceeded": {
                              "value": {
                                "detail": "balance limit exceeded"
                              }
                            }
                          }
                        }
                      }
                    }
                    """#)
        case .withdraw:
            return RouteDescription(
                path: .account("withdraw"),
                methods: .post,
                answer: .movement,
                summary: "Takes an amount from an account; never below zero.",
                requestBody: #"""
                    {
                      "required": true,
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/AmountRequest"
                          },
                          "example": {
                            "amount": "10.50"
                          }
                        }
                      }
                    }
                    """#,
                success: #"""
                    {
                      "description": "The account's balance after the operation.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Balance"
                          },
                          "example": {
                            "account_number": "1001",
                            "balance": "989.50"
                          }
                        }
                      }
                    }
                    """#,
                badRequest: #"""
                    {
                      "description": "Insufficient funds, an invalid body or amount, or malformed framing.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Error"
                          },
                          "examples": {
                            "insufficient funds": {
                              "value": {
                                "detail": "insufficient funds"
                              }
                            },
                            "invalid amount": {
                              "value": {
                                "detail": "invalid amount: it must be greater than zero; an amount is a string of digits \#
                    with up to two decimals, like \"10.50\""
                              }
                            }
                          }
                        }
                      }
                    }
                    """#)
        case .transfer:
            return RouteDescription(
                path: .account("transfer"),
                methods: .post,
                answer: .movement,
                summary: """
                    Moves an amount from this account to another: both balances change or neither. Answers the source's new \
                    balance; the destination's is not disclosed.
                    """,
                requestBody: #"""
                    {
                      "required": true,
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/TransferRequest"
                          },
                          "example": {
                            "to_account": "1002",
                            "amount": "5.00"
                          }
                        }
                      }
                    }
                    """#,
                success: #"""
                    {
                      "description": "The account's balance after the operation.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Balance"
                          },
                          "example": {
                            "account_number": "1001",
                            "balance": "989.50"
                          }
                        }
                      }
                    }
                    """#,
                badRequest: #"""
                    {
                      "description": "An invalid body, amount or to_account, a transfer to the same account, insufficient \#
                    funds, the destination's balance limit, or malformed framing.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Error"
                          },
                          "examples": {
                            "insufficient funds": {
                              "value": {
                                "detail": "insufficient funds"
                              }
                            },
                            "same account": {
                              "value": {
                                "detail": "cannot transfer to the same account"
                              }
                            },
                            "balance limit exceeded": {
                              "value": {
                                "detail": "balance limit exceeded"
                              }
                            }
                          }
                        }
                      }
                    }
                    """#,
                notFound: #"""
                    {
                      "description": "The source or the destination account does not exist.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Error"
                          },
                          "examples": {
                            "source": {
                              "value": {
                                "detail": "account not found"
                              }
                            },
                            "destination": {
                              "value": {
                                "detail": "destination account not found"
                              }
                            }
                          }
                        }
                      }
                    }
                    """#)
        case .transactions:
            return RouteDescription(
                path: .account("transactions"),
                methods: .read,
                answer: .query,
                summary: """
                    The account's applied changes, newest first, a page at a time. HEAD is answered too, without a body.
                    """,
                queryParameters: #"""
                    [
                      {
                        "$ref": "#/components/parameters/HistoryLimit"
                      },
                      {
                        "$ref": "#/components/parameters/HistoryBefore"
                      }
                    ]
                    """#,
                success: #"""
                    {
                      "description": "The newest changes (at most limit), older than before when given.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Transactions"
                          },
                          "example": {
                            "account_number": "1001",
                            "transactions": [
                              {
                                "id": "42",
                                "time": "2026-11-26T10:00:00.123Z",
                                "type": "transfer_out",
                                "amount": "5.00",
                                "balance": "1005.50",
                                "counterparty": "1002"
                              },
                              {
                                "id": "17",
                                "time": "2026-11-26T09:58:02.004Z",
                                "type": "deposit",
                                "amount": "10.50",
                                "balance": "1010.50"
                              }
                            ]
                          }
                        }
                      }
                    }
                    """#,
                badRequest: #"""
                    {
                      "description": "A bad limit or before (or malformed framing).",
                      "content": {
                        "application/json": {
                          "schema": {
                            "$ref": "#/components/schemas/Error"
                          },
                          "example": {
                            "detail": "invalid query: limit must be a whole number from 1 to 100"
                          }
                        }
                      }
                    }
                    """#)
        case .metrics:
            return RouteDescription(
                path: .fixed("/metrics"),
                methods: .read,
                answer: .query,
                summary: """
                    Counters, gauges and histograms in the Prometheus text format 0.0.4 (names start with atm_; no label \
                    carries an account number). HEAD is answered too.
                    """,
                success: #"""
                    {
                      "description": "The metrics of the state daemon and of every handler's responses.",
                      "content": {
                        "text/plain; version=0.0.4; charset=utf-8": {
                          "schema": {
                            "type": "string"
                          },
                          "example": "# TYPE atm_accounts gauge\natm_accounts 5\n"
                        }
                      }
                    }
                    """#)
        case .openAPI:
            return RouteDescription(
                path: .fixed("/openapi.json"),
                methods: .read,
                answer: .document,
                summary: "This document. HEAD is answered too, without a body.",
                success: #"""
                    {
                      "description": "The OpenAPI 3.1 document.",
                      "content": {
                        "application/json": {
                          "schema": {
                            "type": "object"
                          }
                        }
                      }
                    }
                    """#)
        case .docs:
            return RouteDescription(
                path: .fixed("/docs"),
                methods: .read,
                answer: .document,
                summary: """
                    This page: the API read from this document, and a form to try each operation. HEAD is answered too, \
                    without a body.
                    """,
                success: #"""
                    {
                      "description": "An HTML page with no external resource.",
                      "content": {
                        "text/html": {
                          "schema": {
                            "type": "string"
                          }
                        }
                      }
                    }
                    """#)
        case .unmatched:
            return RouteDescription(
                path: nil, methods: .read, answer: .query, summary: "A path no route matches.",
                success: "{}")
        }
    }
}
