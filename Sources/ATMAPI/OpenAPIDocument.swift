import ATMBytes

/// The OpenAPI 3.1 description of every route, body, response and error the handler answers.
///
/// Kept as literal text, served as is, so it costs nothing until asked for, and `/docs` embeds these
/// same bytes, so the page and the document cannot drift. Shared pieces live under `components`:
/// a new route is a `paths` entry whose responses `$ref` the shared ones, and a new header is one
/// entry under `components/headers` referenced where it is sent. Lines longer than the source's
/// 120 columns go on after a `\#` line continuation, at the start of the next line.
enum OpenAPIDocument {
    /// The document's bytes, copied at once from the literal in the binary.
    static var json: [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(ascii: text)
        return bytes
    }

    /// The document, exactly as served.
    static let text: StaticString = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "ATM service",
            "version": "1.0.0",
            "description": "Balances, deposits and withdrawals on accounts held by one state daemon. Amounts are JSON \#
        strings of digits with up to two decimals, greater than zero and at most 1000000000000.00; balances are \#
        answered with exactly two decimals. Every error body is {\"detail\": \"…\"}. Every response carries Date, \#
        Content-Length, X-Content-Type-Options: nosniff and Connection: close; balances and errors carry \#
        Cache-Control: no-store."
          },
          "servers": [
            {
              "url": "/"
            }
          ],
          "paths": {
            "/health": {
              "get": {
                "operationId": "health",
                "summary": "Liveness, and every account number in byte order. HEAD is answered too, without a body.",
                "responses": {
                  "200": {
                    "description": "The service and its state daemon are up.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Health"
                        },
                        "example": {
                          "status": "ok",
                          "accounts": [
                            "1001",
                            "1002"
                          ]
                        }
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/Malformed"
                  },
                  "405": {
                    "$ref": "#/components/responses/MethodNotAllowed"
                  },
                  "408": {
                    "$ref": "#/components/responses/RequestTimeout"
                  },
                  "414": {
                    "$ref": "#/components/responses/URITooLong"
                  },
                  "417": {
                    "$ref": "#/components/responses/ExpectationFailed"
                  },
                  "431": {
                    "$ref": "#/components/responses/HeadersTooLarge"
                  },
                  "501": {
                    "$ref": "#/components/responses/NotImplemented"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  },
                  "505": {
                    "$ref": "#/components/responses/VersionNotSupported"
                  }
                }
              }
            },
            "/accounts/{account_number}/balance": {
              "get": {
                "operationId": "balance",
                "summary": "The balance of one account. HEAD is answered too, without a body.",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/AccountNumber"
                  }
                ],
                "responses": {
                  "200": {
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
                  },
                  "400": {
                    "$ref": "#/components/responses/Malformed"
                  },
                  "404": {
                    "$ref": "#/components/responses/AccountNotFound"
                  },
                  "405": {
                    "$ref": "#/components/responses/MethodNotAllowed"
                  },
                  "408": {
                    "$ref": "#/components/responses/RequestTimeout"
                  },
                  "414": {
                    "$ref": "#/components/responses/URITooLong"
                  },
                  "417": {
                    "$ref": "#/components/responses/ExpectationFailed"
                  },
                  "431": {
                    "$ref": "#/components/responses/HeadersTooLarge"
                  },
                  "501": {
                    "$ref": "#/components/responses/NotImplemented"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  },
                  "505": {
                    "$ref": "#/components/responses/VersionNotSupported"
                  }
                }
              }
            },
            "/accounts/{account_number}/deposit": {
              "post": {
                "operationId": "deposit",
                "summary": "Adds an amount to an account.",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/AccountNumber"
                  }
                ],
                "requestBody": {
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
                },
                "responses": {
                  "200": {
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
                  },
                  "400": {
                    "description": "An invalid body or amount, a balance past the limit, or malformed framing.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Error"
                        },
                        "examples": {
                          "invalid amount": {
                            "value": {
                              "detail": "invalid amount: at most two decimals are allowed; an amount is a string of \#
        digits with up to two decimals, like \"10.50\""
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
                  },
                  "404": {
                    "$ref": "#/components/responses/AccountNotFound"
                  },
                  "405": {
                    "$ref": "#/components/responses/MethodNotAllowed"
                  },
                  "408": {
                    "$ref": "#/components/responses/RequestTimeout"
                  },
                  "411": {
                    "$ref": "#/components/responses/LengthRequired"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "414": {
                    "$ref": "#/components/responses/URITooLong"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "417": {
                    "$ref": "#/components/responses/ExpectationFailed"
                  },
                  "431": {
                    "$ref": "#/components/responses/HeadersTooLarge"
                  },
                  "501": {
                    "$ref": "#/components/responses/NotImplemented"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  },
                  "505": {
                    "$ref": "#/components/responses/VersionNotSupported"
                  }
                }
              }
            },
            "/accounts/{account_number}/withdraw": {
              "post": {
                "operationId": "withdraw",
                "summary": "Takes an amount from an account; never below zero.",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/AccountNumber"
                  }
                ],
                "requestBody": {
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
                },
                "responses": {
                  "200": {
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
                  },
                  "400": {
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
                              "detail": "invalid amount: it must be greater than zero; an amount is a string of \#
        digits with up to two decimals, like \"10.50\""
                            }
                          }
                        }
                      }
                    }
                  },
                  "404": {
                    "$ref": "#/components/responses/AccountNotFound"
                  },
                  "405": {
                    "$ref": "#/components/responses/MethodNotAllowed"
                  },
                  "408": {
                    "$ref": "#/components/responses/RequestTimeout"
                  },
                  "411": {
                    "$ref": "#/components/responses/LengthRequired"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "414": {
                    "$ref": "#/components/responses/URITooLong"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "417": {
                    "$ref": "#/components/responses/ExpectationFailed"
                  },
                  "431": {
                    "$ref": "#/components/responses/HeadersTooLarge"
                  },
                  "501": {
                    "$ref": "#/components/responses/NotImplemented"
                  },
                  "503": {
                    "$ref": "#/components/responses/Unavailable"
                  },
                  "505": {
                    "$ref": "#/components/responses/VersionNotSupported"
                  }
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "openapi",
                "summary": "This document. HEAD is answered too, without a body.",
                "responses": {
                  "200": {
                    "description": "The OpenAPI 3.1 document.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlRevalidate"
                      }
                    },
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "400": {
                    "$ref": "#/components/responses/Malformed"
                  },
                  "405": {
                    "$ref": "#/components/responses/MethodNotAllowed"
                  },
                  "408": {
                    "$ref": "#/components/responses/RequestTimeout"
                  },
                  "414": {
                    "$ref": "#/components/responses/URITooLong"
                  },
                  "417": {
                    "$ref": "#/components/responses/ExpectationFailed"
                  },
                  "431": {
                    "$ref": "#/components/responses/HeadersTooLarge"
                  },
                  "501": {
                    "$ref": "#/components/responses/NotImplemented"
                  },
                  "505": {
                    "$ref": "#/components/responses/VersionNotSupported"
                  }
                }
              }
            },
            "/docs": {
              "get": {
                "operationId": "docs",
                "summary": "This page: the API read from this document, and a form to try each operation. HEAD is \#
        answered too, without a body.",
                "responses": {
                  "200": {
                    "description": "An HTML page with no external resource.",
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControlRevalidate"
                      }
                    },
                    "content": {
                      "text/html": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "400": {
                    "$ref": "#/components/responses/Malformed"
                  },
                  "405": {
                    "$ref": "#/components/responses/MethodNotAllowed"
                  },
                  "408": {
                    "$ref": "#/components/responses/RequestTimeout"
                  },
                  "414": {
                    "$ref": "#/components/responses/URITooLong"
                  },
                  "417": {
                    "$ref": "#/components/responses/ExpectationFailed"
                  },
                  "431": {
                    "$ref": "#/components/responses/HeadersTooLarge"
                  },
                  "501": {
                    "$ref": "#/components/responses/NotImplemented"
                  },
                  "505": {
                    "$ref": "#/components/responses/VersionNotSupported"
                  }
                }
              }
            }
          },
          "components": {
            "parameters": {
              "AccountNumber": {
                "name": "account_number",
                "in": "path",
                "required": true,
                "description": "1 to 32 ASCII digits; any other segment is answered 404 account not found.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{1,32}$"
                },
                "example": "1001"
              }
            },
            "headers": {
              "Allow": {
                "description": "The methods the path answers.",
                "schema": {
                  "type": "string"
                },
                "example": "GET, HEAD"
              },
              "RetryAfter": {
                "description": "Seconds to wait before retrying; nothing was changed.",
                "schema": {
                  "type": "integer"
                },
                "example": 1
              },
              "ETag": {
                "description": "A strong validator of the document's bytes; send it back in If-None-Match.",
                "schema": {
                  "type": "string"
                },
                "example": "\"79210df043991246\""
              },
              "CacheControlRevalidate": {
                "description": "May be stored, but revalidated before each use.",
                "schema": {
                  "type": "string",
                  "const": "no-cache"
                }
              }
            },
            "responses": {
              "Malformed": {
                "description": "Malformed HTTP framing (RFC 9112), such as a bad Host or Transfer-Encoding.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "malformed request: a bare CR is not allowed"
                    }
                  }
                }
              },
              "AccountNotFound": {
                "description": "No such account, or the path segment cannot name one.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "account not found"
                    }
                  }
                }
              },
              "MethodNotAllowed": {
                "description": "A known path with a wrong method.",
                "headers": {
                  "Allow": {
                    "$ref": "#/components/headers/Allow"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "method not allowed; use GET, HEAD"
                    }
                  }
                }
              },
              "RequestTimeout": {
                "description": "The whole request did not arrive within the deadline (10 s by default).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "the request did not arrive in time"
                    }
                  }
                }
              },
              "LengthRequired": {
                "description": "A POST with neither Content-Length nor chunked Transfer-Encoding.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "a POST needs a Content-Length or a chunked body"
                    }
                  }
                }
              },
              "ContentTooLarge": {
                "description": "The body is larger than the limit (4 KiB by default).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "the request body is larger than 4096 bytes"
                    }
                  }
                }
              },
              "URITooLong": {
                "description": "The request line is longer than the limit (8 KiB by default).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "the request line is longer than 8192 bytes"
                    }
                  }
                }
              },
              "UnsupportedMediaType": {
                "description": "A Content-Type other than application/json.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "the body must be application/json"
                    }
                  }
                }
              },
              "ExpectationFailed": {
                "description": "An Expect other than 100-continue.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "only the expectation 100-continue is supported"
                    }
                  }
                }
              },
              "HeadersTooLarge": {
                "description": "The header section is larger than the limit (16 KiB by default).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "the header section is larger than 16384 bytes"
                    }
                  }
                }
              },
              "NotImplemented": {
                "description": "An unknown method or transfer coding.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "this method is not implemented"
                    }
                  }
                }
              },
              "Unavailable": {
                "description": "The state daemon cannot be reached or did not answer in time; nothing was changed.",
                "headers": {
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "state service unavailable"
                    }
                  }
                }
              },
              "VersionNotSupported": {
                "description": "An HTTP version other than 1.1 or 1.0.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "only HTTP/1.1 and HTTP/1.0 are supported"
                    }
                  }
                }
              },
              "NotModified": {
                "description": "If-None-Match named the current ETag: no body.",
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              }
            },
            "schemas": {
              "AmountRequest": {
                "type": "object",
                "required": [
                  "amount"
                ],
                "properties": {
                  "amount": {
                    "$ref": "#/components/schemas/Amount"
                  }
                }
              },
              "Amount": {
                "type": "string",
                "pattern": "^(?:[0-9]*[1-9][0-9]*(?:\\.[0-9]{1,2})?|[0-9]+\\.(?:[1-9][0-9]?|0[1-9]))$",
                "maxLength": 16,
                "description": "Digits with an optional point and one or two decimals, greater than zero and at most \#
        1000000000000.00.",
                "examples": [
                  "10.50",
                  "10",
                  "0.01"
                ]
              },
              "Balance": {
                "type": "object",
                "required": [
                  "account_number",
                  "balance"
                ],
                "properties": {
                  "account_number": {
                    "type": "string",
                    "pattern": "^[0-9]{1,32}$",
                    "example": "1001"
                  },
                  "balance": {
                    "type": "string",
                    "pattern": "^[0-9]+\\.[0-9]{2}$",
                    "example": "1000.00"
                  }
                }
              },
              "Health": {
                "type": "object",
                "required": [
                  "status",
                  "accounts"
                ],
                "properties": {
                  "status": {
                    "type": "string",
                    "const": "ok"
                  },
                  "accounts": {
                    "type": "array",
                    "items": {
                      "type": "string"
                    }
                  }
                }
              },
              "Error": {
                "type": "object",
                "required": [
                  "detail"
                ],
                "properties": {
                  "detail": {
                    "type": "string",
                    "description": "One clear sentence."
                  }
                }
              }
            }
          }
        }
        """#
}
