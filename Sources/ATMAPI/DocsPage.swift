/// `/docs`: one self-contained page (no external scripts, styles or fonts) to read the API and try it.
///
/// The inline style and script are allowed by their SHA-256 in ``contentSecurityPolicy``, and by
/// nothing else. The hashes are constants, so serving the page costs no hashing (every request is a
/// new process); `DocsPageTests` recomputes them from ``style`` and ``script`` and fails, printing the
/// right value, when either text changes.
enum DocsPage {
    /// The page, exactly as served.
    static var html: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(
            beforeStyle.utf8.count + style.utf8.count + beforeScript.utf8.count
                + script.utf8.count + afterScript.utf8.count)
        bytes += beforeStyle.utf8
        bytes += style.utf8
        bytes += beforeScript.utf8
        bytes += script.utf8
        bytes += afterScript.utf8
        return bytes
    }

    /// `sha256-…` of ``style``, base64 (CSP Level 3 §8.3.1 hashes the element's text exactly).
    static let styleHash = "dvaF1AL1c383tLmJfekm0hAeJpwEFPh5DdxVsQRlUcU="
    /// `sha256-…` of ``script``.
    static let scriptHash = "MWeC3jLBvBndKkiRM4KM5BmzmweH7WrUrDta5+s0EpY="

    /// Only the page's own inline style and script; `connect-src 'self'` for the try-it forms.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'sha256-\(scriptHash)'; style-src 'sha256-\(styleHash)'; "
            + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    /// From the doctype to the opening `<style>` tag.
    static let beforeStyle = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ATM service API</title>
        <style>
        """#
    /// The text of the one `<style>` element.
    static let style = #"""
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
        code, pre, input { font-family: ui-monospace, monospace; }
        section { border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem 1rem 1rem; margin: 1rem 0; }
        h2 code { background: #eef; padding: 0.1rem 0.4rem; border-radius: 4px; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: left; }
        pre { background: #f6f6f6; padding: 0.5rem; white-space: pre-wrap; word-break: break-all; min-height: 1.5rem; }
        button { padding: 0.3rem 1rem; }
        """#
    /// From `</style>` to the opening `<script>` tag.
    static let beforeScript = #"""
        </style>
        </head>
        <body>
        <h1>ATM service API</h1>
        <p>Amounts are JSON <em>strings</em> of digits with up to two decimals, greater than zero and at most
        <code>1000000000000.00</code>: <code>"10"</code>, <code>"10.5"</code>, <code>"10.50"</code>.
        Balances come back as strings with exactly two decimals. Account numbers are 1 to 32 digits.
        Every error body is <code>{"detail": "…"}</code>. The machine-readable description is
        <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>

        <section>
        <h2><code>GET /health</code></h2>
        <p>200 <code>{"status":"ok","accounts":[…]}</code>; 503 when the state daemon is unreachable.</p>
        <button data-method="GET" data-path="/health">Try it</button>
        <pre class="result"></pre>
        </section>

        <section>
        <h2><code>GET /accounts/{n}/balance</code></h2>
        <p>200 <code>{"account_number":"1001","balance":"1000.00"}</code>; 404 <code>account not found</code>.</p>
        <label>Account <input name="account" value="1001" size="12"></label>
        <button data-method="GET" data-path="/accounts/{n}/balance">Try it</button>
        <pre class="result"></pre>
        </section>

        <section>
        <h2><code>POST /accounts/{n}/deposit</code></h2>
        <p>Body <code>{"amount":"10.50"}</code>. 200 with the new balance; 400 for an invalid amount or
        <code>balance limit exceeded</code>; 404 <code>account not found</code>.</p>
        <label>Account <input name="account" value="1002" size="12"></label>
        <label>Amount <input name="amount" value="10.50" size="12"></label>
        <button data-method="POST" data-path="/accounts/{n}/deposit">Try it</button>
        <pre class="result"></pre>
        </section>

        <section>
        <h2><code>POST /accounts/{n}/withdraw</code></h2>
        <p>Body <code>{"amount":"5.00"}</code>. 200 with the new balance; 400 <code>insufficient funds</code>
        or an invalid amount; 404 <code>account not found</code>.</p>
        <label>Account <input name="account" value="1002" size="12"></label>
        <label>Amount <input name="amount" value="5.00" size="12"></label>
        <button data-method="POST" data-path="/accounts/{n}/withdraw">Try it</button>
        <pre class="result"></pre>
        </section>

        <h2>Other statuses</h2>
        <table>
        <tr><th>Status</th><th>When</th></tr>
        <tr><td>400</td><td>malformed HTTP framing, JSON or amount</td></tr>
        <tr><td>404</td><td>unknown path: <code>not found</code></td></tr>
        <tr><td>405</td><td>wrong method for a known path (see <code>Allow</code>)</td></tr>
        <tr><td>408</td><td>the request did not arrive within the deadline</td></tr>
        <tr><td>411</td><td>a POST without Content-Length or chunked body</td></tr>
        <tr><td>413 / 414 / 431</td><td>body, request line or header section too large</td></tr>
        <tr><td>415</td><td>a POST body that is not <code>application/json</code></td></tr>
        <tr><td>417</td><td>an <code>Expect</code> other than <code>100-continue</code></td></tr>
        <tr><td>501 / 505</td><td>unknown method or transfer coding / unsupported HTTP version</td></tr>
        <tr><td>503</td><td>state daemon unavailable (<code>Retry-After: 1</code>)</td></tr>
        </table>

        <script>
        """#
    /// The text of the one `<script>` element.
    static let script = #"""
        for (const button of document.querySelectorAll("button[data-path]")) {
          button.addEventListener("click", async () => {
            const section = button.closest("section");
            const output = section.querySelector(".result");
            const account = section.querySelector("input[name=account]");
            const amount = section.querySelector("input[name=amount]");
            const path = button.dataset.path.replace("{n}", encodeURIComponent(account ? account.value : ""));
            const options = { method: button.dataset.method };
            if (amount) {
              options.headers = { "Content-Type": "application/json" };
              options.body = JSON.stringify({ amount: amount.value });
            }
            output.textContent = "…";
            try {
              const response = await fetch(path, options);
              const text = await response.text();
              output.textContent = response.status + " " + response.statusText + "\n" + text;
            } catch (error) {
              output.textContent = "request failed: " + error;
            }
          });
        }
        """#
    /// From `</script>` to the end.
    static let afterScript = #"""
        </script>
        </body>
        </html>

        """#
}
