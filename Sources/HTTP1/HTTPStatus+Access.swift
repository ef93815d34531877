extension HTTPStatus {
    /// No credentials where they are needed (RFC 9110 §15.5.2); here, no TLS client certificate.
    public static let unauthorized = HTTPStatus(code: 401, reason: "Unauthorized")
    /// Credentials understood and not enough (RFC 9110 §15.5.4).
    public static let forbidden = HTTPStatus(code: 403, reason: "Forbidden")
    /// Over a rate limit, with `Retry-After` saying when to come back (RFC 6585 §4).
    public static let tooManyRequests = HTTPStatus(code: 429, reason: "Too Many Requests")
}
