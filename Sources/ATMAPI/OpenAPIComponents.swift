/// The parts of the OpenAPI document that no one route owns: `info`, `servers`, and the `components`
/// (parameters, headers, responses and schemas) that the generated `paths` refer to.
///
/// A new shared error response or header is one entry here, referred to from ``OpenAPIDocument``'s
/// table of statuses or from a ``RouteDescription``. Lines longer than the source's 120 columns go on
/// after a `\#` line continuation, at the start of the next line.
enum OpenAPIComponents {
    /// A JSON object: the document without its `paths`, which ``OpenAPIDocument`` writes in before
    /// `"components"` (indented by two spaces, as here) without parsing this text.
    static let text: StaticString = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "ATM service",
            "version": "1.0.0",
            "description": "Balances, deposits, withdrawals, transfers and history on accounts held by a state \#
        daemon. Amounts are JSON strings of digits with up to two decimals, greater than zero and at most \#
        1000000000000.00; balances are answered with exactly two decimals. Every error body is {\"detail\": \"…\"}. \#
        Every response carries Date, Content-Length, X-Content-Type-Options: nosniff, X-Request-ID and a W3C \#
        traceparent, and \#
        Connection: close when the connection ends; balances and errors carry Cache-Control: no-store. A 503 was \#
        certainly not applied; a 504 may have been: retry it with the same Idempotency-Key. Error details are in \#
        English, or in German when Accept-Language asks for it."
          },
          "servers": [
            {
              "url": "/"
            }
          ],
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
              },
              "IdempotencyKey": {
                "name": "Idempotency-Key",
                "in": "header",
                "required": false,
                "description": "Makes a retry safe: the first request with a key is carried out and its outcome \#
        stored; the same request with the same key again gets that outcome, byte for byte, with Idempotent-Replayed: \#
        true. 1 to 255 visible ASCII characters, bare or as a quoted string; keys are global. Empty, over-long, \#
        invalid or repeated: 400.",
                "schema": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 257
                },
                "example": "5b0e9c1e-7f3a-4d6e-9c1b-2a4f8e6d0c11"
              },
              "AcceptLanguage": {
                "name": "Accept-Language",
                "in": "header",
                "required": false,
                "description": "The language of an error's detail (RFC 9110 §12.5.4): en (the default) or de. \#
        Language ranges with optional q weights of up to three decimals; de-CH or de-DE choose de, * any, q=0 \#
        excludes; the highest weight wins, ties by order. A malformed field or one naming neither is answered in \#
        English. With the field, an error says its language in Content-Language and carries Vary: \#
        Accept-Language; without it, the response is exactly as before languages existed.",
                "schema": {
                  "type": "string"
                },
                "example": "de-CH;q=0.9, en;q=0.8"
              },
              "RequestID": {
                "name": "X-Request-ID",
                "in": "header",
                "required": false,
                "description": "Kept when it is 1 to 128 visible ASCII characters (otherwise replaced), echoed on \#
        the response, and written in the access log and the daemon's audit line.",
                "schema": {
                  "type": "string",
                  "maxLength": 128
                },
                "example": "req-7f3a"
              },
              "Traceparent": {
                "name": "traceparent",
                "in": "header",
                "required": false,
                "description": "W3C Trace Context: when valid (version 00 exactly 55 characters of lowercase hex, \#
        neither id all zeros; a later version read by version 00's rules), its trace id and sampled flag are kept and \#
        the request gets a new span id; otherwise (or given twice) a new trace is started. Never refused.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?$"
                },
                "example": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
              },
              "Tracestate": {
                "name": "tracestate",
                "in": "header",
                "required": false,
                "description": "W3C Trace Context vendor entries, passed on only with a valid traceparent: at most 32 \#
        key=value members, at most 512 characters kept; a malformed one is dropped, never refused.",
                "schema": {
                  "type": "string"
                },
                "example": "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"
              },
              "HistoryLimit": {
                "name": "limit",
                "in": "query",
                "required": false,
                "description": "How many entries, 1 to 100 (default 20).",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100,
                  "default": 20
                }
              },
              "HealthAfter": {
                "name": "after",
                "in": "query",
                "required": false,
                "description": "Only account numbers after this one in byte order: the next of an earlier page.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{1,32}$"
                },
                "example": "1002"
              },
              "HealthLimit": {
                "name": "limit",
                "in": "query",
                "required": false,
                "description": "How many account numbers, 1 to ATM_HEALTH_ACCOUNTS_LIMIT (default 10000, also the \#
        default page).",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100000
                }
              },
              "HistoryBefore": {
                "name": "before",
                "in": "query",
                "required": false,
                "description": "Only entries older than the one with this id (from an earlier page).",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{1,19}$"
                },
                "example": "42"
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
              "WWWAuthenticate": {
                "description": "The challenge of a 401: a client proves who it is with a TLS client certificate, not with an \#
        HTTP credential, so the scheme names that and takes no parameter but the realm.",
                "schema": {
                  "type": "string"
                },
                "example": "TLS-Client-Certificate realm=\"atm\""
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
              },
              "XRequestID": {
                "description": "The request's id: the client's X-Request-ID when valid, else 32 lowercase hex digits \#
        made for it.",
                "schema": {
                  "type": "string"
                },
                "example": "0e58dca803b39bcd469ce81c71a13500"
              },
              "ContentLanguage": {
                "description": "The language of the detail: sent when the request carries Accept-Language \#
        (and its head could be read).",
                "schema": {
                  "type": "string",
                  "enum": [
                    "en",
                    "de"
                  ]
                }
              },
              "VaryAcceptLanguage": {
                "description": "The detail was chosen by Accept-Language: sent with Content-Language.",
                "schema": {
                  "type": "string",
                  "const": "Accept-Language"
                }
              },
              "Traceparent": {
                "description": "W3C Trace Context, version 00: the request's trace id (the client's when its \#
        traceparent was valid, else a new one), the span id made for this request, and the sampled flag. The same ids \#
        end the access log line and the daemon's audit line.",
                "schema": {
                  "type": "string",
                  "pattern": "^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$"
                },
                "example": "00-4bf92f3577b34da6a3ce929d0e0e4736-a3ce929d0e0e4736-01"
              },
              "Tracestate": {
                "description": "The client's tracestate, validated and joined as one list, when it came with a valid \#
        traceparent.",
                "schema": {
                  "type": "string"
                },
                "example": "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"
              },
              "IdempotentReplayed": {
                "description": "Present (true) when this is the stored outcome of an earlier request with the same \#
        Idempotency-Key: nothing was applied now.",
                "schema": {
                  "type": "string",
                  "const": "true"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                }
              },
              "MethodNotAllowed": {
                "description": "A known path with a wrong method.",
                "headers": {
                  "Allow": {
                    "$ref": "#/components/headers/Allow"
                  },
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                }
              },
              "AuthenticationRequired": {
                "description": "The access policy needs a client identity (a TLS client certificate) for this route, and the \#
        connection has none. Nothing was done.",
                "headers": {
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticate"
                  },
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "authentication required"
                    }
                  }
                }
              },
              "NotAllowed": {
                "description": "The access policy does not allow this client identity this route on this account (for a \#
        transfer, on both accounts). Nothing was done.",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "not allowed"
                    }
                  }
                }
              },
              "TooManyRequests": {
                "description": "This client (its identity, or its address without one) sent more requests than its rate \#
        limit allows. Nothing was done; retry after Retry-After.",
                "headers": {
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  },
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "too many requests"
                    }
                  }
                }
              },
              "Unavailable": {
                "description": "Certainly not applied: the state daemon could not be reached, was busy, refused the \#
        command because its deadline passed, or cannot write its journal. Safe to retry after Retry-After.",
                "headers": {
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  },
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
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
                },
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                }
              },
              "NotModified": {
                "description": "If-None-Match named the current ETag: no body.",
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                }
              },
              "OutcomeUnknown": {
                "description": "The change was handed to the state daemon and no answer came in time: it may or may \#
        not have been applied. Retry with the same Idempotency-Key; no Retry-After.",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "the outcome of this request is unknown; retry it with the same Idempotency-Key"
                    }
                  }
                }
              },
              "KeyInProgress": {
                "description": "A request with this Idempotency-Key is still being processed.",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "a request with this idempotency key is in progress"
                    }
                  }
                }
              },
              "KeyReused": {
                "description": "This Idempotency-Key was first used with a different request (route, accounts or \#
        amount).",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "idempotency key reused with a different request"
                    }
                  }
                }
              },
              "InternalError": {
                "description": "The state daemon answered something the handler does not expect (logged), or a \#
        setting is invalid.",
                "headers": {
                  "X-Request-ID": {
                    "$ref": "#/components/headers/XRequestID"
                  },
                  "Content-Language": {
                    "$ref": "#/components/headers/ContentLanguage"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/VaryAcceptLanguage"
                  },
                  "traceparent": {
                    "$ref": "#/components/headers/Traceparent"
                  },
                  "tracestate": {
                    "$ref": "#/components/headers/Tracestate"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Error"
                    },
                    "example": {
                      "detail": "the state service answered unexpectedly; see the server log"
                    }
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
                  },
                  "next": {
                    "type": "string",
                    "description": "Present when more accounts follow: pass it as after for the next page."
                  }
                }
              },
              "Probe": {
                "type": "object",
                "required": [
                  "status"
                ],
                "properties": {
                  "status": {
                    "type": "string",
                    "enum": [
                      "ready",
                      "live"
                    ]
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
              },
              "TransferRequest": {
                "type": "object",
                "required": [
                  "to_account",
                  "amount"
                ],
                "properties": {
                  "to_account": {
                    "type": "string",
                    "pattern": "^[0-9]{1,32}$",
                    "description": "The destination; not the source account."
                  },
                  "amount": {
                    "$ref": "#/components/schemas/Amount"
                  }
                }
              },
              "Transaction": {
                "type": "object",
                "required": [
                  "id",
                  "time",
                  "type",
                  "amount",
                  "balance"
                ],
                "properties": {
                  "id": {
                    "type": "string",
                    "pattern": "^[0-9]+$",
                    "description": "The change's sequence number; pass it as before= for the next page."
                  },
                  "time": {
                    "type": "string",
                    "format": "date-time",
                    "example": "2026-11-26T10:00:00.123Z"
                  },
                  "type": {
                    "type": "string",
                    "enum": [
                      "deposit",
                      "withdrawal",
                      "transfer_in",
                      "transfer_out"
                    ]
                  },
                  "amount": {
                    "type": "string",
                    "pattern": "^[0-9]+\\.[0-9]{2}$"
                  },
                  "balance": {
                    "type": "string",
                    "pattern": "^[0-9]+\\.[0-9]{2}$",
                    "description": "The balance right after this change."
                  },
                  "counterparty": {
                    "type": "string",
                    "pattern": "^[0-9]{1,32}$",
                    "description": "The other account, for transfers only."
                  }
                }
              },
              "Transactions": {
                "type": "object",
                "required": [
                  "account_number",
                  "transactions"
                ],
                "properties": {
                  "account_number": {
                    "type": "string",
                    "pattern": "^[0-9]{1,32}$"
                  },
                  "transactions": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Transaction"
                    },
                    "description": "Newest first."
                  }
                }
              }
            }
          }
        }
        """#
}
