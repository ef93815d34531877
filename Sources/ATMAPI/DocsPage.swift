import ATMBytes

/// `/docs`: the API page, generated in the browser from the very bytes `/openapi.json` serves.
///
/// One self-contained response: the OpenAPI document is embedded as a JSON data block (never
/// executed), and the page's one inline style and one inline script are allowed by their SHA-256 in
/// ``contentSecurityPolicy``, and nothing else is. The hashes are constants, so serving the page
/// costs no hashing (each request is a new process: hashing 20 KB would cost more than a whole
/// balance request); `DocsPageTests` recomputes them from ``style`` and ``script`` and fails,
/// printing the right value, when either text changes. `scripts/check-docs-browser` drives the
/// page in Chromium and fails on any CSP violation.
enum DocsPage {
    /// The page, exactly as served: its literal parts around the generated document.
    static var html: [UInt8] {
        var bytes: [UInt8] = []
        let before = [beforeStyle, style, beforeDocument]
        let after = [beforeScript, script, afterScript]
        let document = OpenAPIDocument.json
        bytes.reserveCapacity((before + after).reduce(document.count) { $0 + $1.utf8CodeUnitCount })
        for part in before { bytes.append(ascii: part) }
        bytes.append(bytes: document)
        for part in after { bytes.append(ascii: part) }
        return bytes
    }

    /// `sha256-…` of ``style``, base64 (CSP Level 3 hashes the element's text exactly).
    static let styleHash = "kBwfdAnu6ufEGnJRX9NRMKEn4KDkMUU4pAxKMJxlGfo="
    /// `sha256-…` of ``script``.
    static let scriptHash = "Kbf7aTGRmwEzxIexL9XT/igd/oQbpXY/nyvU0wZK+Fk="

    /// Only the page's own inline style and script; `connect-src 'self'` for the try-it forms.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'sha256-\(scriptHash)'; style-src 'sha256-\(styleHash)'; "
            + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    /// From the doctype to the opening `<style>` tag.
    static let beforeStyle: StaticString = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>ATM service API</title>
        <style>
        """#

    /// The text of the one `<style>` element: light and dark, readable from 360 px up, long code wraps.
    static let style: StaticString = #"""
        :root { color-scheme: light dark; --bg: #fdfdfc; --fg: #1c1d1f; --muted: #5b6068; --line: #d9dce1; --panel: #f3f4f6;
          --code: #eef0f3; --accent: #1f5fbf; --get: #1b7f4b; --post: #b35c00; --ok: #1b7f4b; --warn: #a15c00; --bad: #b3261e; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #141518; --fg: #e6e7ea; --muted: #a2a7b0; --line: #33363d; --panel: #1d1f24; --code: #24272d;
            --accent: #7fb0ff; --get: #5fd08f; --post: #ffae57; --ok: #5fd08f; --warn: #ffc36b; --bad: #ff8a80; }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
        .page { max-width: 62rem; margin: 0 auto; padding: 1.25rem 1rem 4rem; }
        a { color: var(--accent); }
        h1 { font-size: 1.7rem; margin: 0.5rem 0; }
        h2 { font-size: 1.2rem; margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
        h3 { font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); margin: 1.25rem 0 0.4rem; }
        p { margin: 0.5rem 0; }
        code, pre, input, textarea, select { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9rem; }
        code { background: var(--code); padding: 0.05rem 0.3rem; border-radius: 4px; overflow-wrap: anywhere; }
        pre { background: var(--code); padding: 0.6rem 0.75rem; border-radius: 6px; margin: 0.4rem 0; white-space: pre-wrap;
          overflow-wrap: anywhere; }
        pre code { background: none; padding: 0; }
        nav ul { list-style: none; padding: 0; margin: 0.75rem 0; display: flex; flex-wrap: wrap; gap: 0.4rem; }
        nav a { display: inline-flex; gap: 0.35rem; align-items: baseline; text-decoration: none; border: 1px solid var(--line);
          border-radius: 999px; padding: 0.15rem 0.6rem; color: var(--fg); font-size: 0.9rem; overflow-wrap: anywhere; }
        section.operation { border: 1px solid var(--line); border-radius: 10px; padding: 1rem; margin: 1.25rem 0; background: var(--panel); }
        .method { font: 700 0.8rem/1 ui-monospace, monospace; padding: 0.3rem 0.5rem; border-radius: 5px; color: var(--bg);
          white-space: nowrap; flex: none; }
        .method-get { background: var(--get); } .method-post { background: var(--post); }
        .path { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
        .muted { color: var(--muted); }
        table { width: 100%; border-collapse: collapse; margin: 0.3rem 0; font-size: 0.92rem; }
        th, td { text-align: left; vertical-align: top; border-top: 1px solid var(--line); padding: 0.35rem 0.75rem 0.35rem 0;
          overflow-wrap: break-word; }
        td:first-child code { white-space: nowrap; }
        @media (max-width: 40rem) {
          table, tr, td { display: block; width: 100%; }
          tr.head { display: none; }
          tr { border-top: 1px solid var(--line); padding: 0.45rem 0; }
          td { border: 0; padding: 0.05rem 0; }
          td:first-child { font-weight: 600; }
        }
        th { color: var(--muted); font-weight: 600; }
        .status { font-weight: 700; font-family: ui-monospace, monospace; }
        .s2 { color: var(--ok); } .s3 { color: var(--accent); } .s4 { color: var(--warn); } .s5 { color: var(--bad); }
        details { margin: 0.25rem 0; }
        summary { cursor: pointer; }
        form.try { border-top: 1px dashed var(--line); margin-top: 1rem; padding-top: 0.75rem; display: grid; gap: 0.6rem; }
        label { display: grid; gap: 0.2rem; font-size: 0.9rem; color: var(--muted); }
        input, textarea { width: 100%; max-width: 100%; padding: 0.45rem 0.55rem; border: 1px solid var(--line); border-radius: 6px;
          background: var(--bg); color: var(--fg); }
        textarea { min-height: 4.5rem; resize: vertical; }
        button { justify-self: start; font: 600 0.95rem system-ui, sans-serif; padding: 0.45rem 1.1rem; border-radius: 6px;
          border: 1px solid var(--accent); background: var(--accent); color: var(--bg); cursor: pointer; }
        .result:empty { display: none; }
        .result .status { display: block; margin-bottom: 0.3rem; }
        """#

    /// From `</style>` to the opening tag of the JSON data block that holds ``OpenAPIDocument``.
    static let beforeDocument: StaticString = #"""
        </style>
        </head>
        <body>
        <div class="page">
        <header>
        <h1>ATM service API</h1>
        <p class="muted" id="version"></p>
        <p id="intro"></p>
        <p>This page is built in your browser from <a href="/openapi.json">/openapi.json</a>, the same document the \#
        service serves, embedded below byte for byte. Each operation has a form that sends a real request to this server.</p>
        </header>
        <nav id="toc" aria-label="Operations"></nav>
        <main id="operations"></main>
        <noscript><p>This page needs JavaScript to lay out the API; the document itself is \#
        <a href="/openapi.json">/openapi.json</a>.</p></noscript>
        </div>
        <script type="application/json" id="openapi">
        """#

    /// From the end of the data block to the opening `<script>` tag.
    static let beforeScript: StaticString = #"""
        </script>
        <script>
        """#

    /// The text of the one `<script>` element: reads the embedded document and renders every
    /// operation, its parameters, schemas, examples, statuses, a `curl` line and a try-it form.
    static let script: StaticString = #"""
        "use strict";
        const spec = JSON.parse(document.getElementById("openapi").textContent);
        const origin = location.origin && location.origin !== "null" ? location.origin : "";

        function el(tag, attributes, ...children) {
          const element = document.createElement(tag);
          for (const [name, value] of Object.entries(attributes || {})) {
            if (name === "class") element.className = value; else element.setAttribute(name, value);
          }
          for (const child of children) {
            if (child === null || child === undefined) continue;
            element.append(typeof child === "string" ? document.createTextNode(child) : child);
          }
          return element;
        }

        function resolve(node) {
          let seen = 0;
          while (node && node.$ref && seen++ < 16) {
            node = node.$ref.slice(2).split("/").reduce((object, key) => object[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
          }
          return node;
        }

        function refName(node) { return node && node.$ref ? node.$ref.split("/").pop() : null; }

        function statusClass(code) { return "status s" + String(code)[0]; }

        function typeOf(schema) {
          schema = resolve(schema) || {};
          if (schema.type === "array") return "array of " + typeOf(schema.items);
          let text = schema.type || "any";
          if (schema.const !== undefined) text += " = " + JSON.stringify(schema.const);
          return text;
        }

        function constraints(schema) {
          const parts = [];
          if (schema.pattern) parts.push(el("div", null, "pattern ", el("code", null, schema.pattern)));
          if (schema.maxLength !== undefined) parts.push(el("div", null, "at most " + schema.maxLength + " characters"));
          const examples = schema.examples || (schema.example !== undefined ? [schema.example] : []);
          if (examples.length) parts.push(el("div", null, "e.g. ", ...examples.flatMap((value, index) =>
            [index ? ", " : "", el("code", null, JSON.stringify(value))])));
          return parts;
        }

        function schemaView(reference) {
          const schema = resolve(reference) || {};
          const name = refName(reference);
          const wrapper = el("div", null);
          if (schema.type === "object" && schema.properties) {
            wrapper.append(el("p", { class: "muted" }, (name ? name + ": " : "") + "a JSON object"));
            const table = el("table", null, el("tr", { class: "head" }, el("th", null, "field"), el("th", null, "type"), el("th", null, "rules")));
            for (const [field, property] of Object.entries(schema.properties)) {
              const resolved = resolve(property) || {};
              const required = (schema.required || []).includes(field) ? "required" : "optional";
              table.append(el("tr", null, el("td", null, el("code", null, field)),
                el("td", null, typeOf(property), el("div", { class: "muted" }, required)),
                el("td", null, resolved.description || "", ...constraints(resolved))));
            }
            wrapper.append(table);
          } else {
            wrapper.append(el("p", { class: "muted" }, (name ? name + ": " : "") + typeOf(schema)), ...constraints(schema));
          }
          return wrapper;
        }

        function exampleOf(media) {
          if (!media) return undefined;
          if (media.example !== undefined) return media.example;
          if (media.examples) return Object.values(media.examples).map((example) => resolve(example).value)[0];
          const schema = resolve(media.schema) || {};
          return schema.example;
        }

        function examplesOf(media) {
          if (!media) return [];
          if (media.example !== undefined) return [["example", media.example]];
          return Object.entries(media.examples || {}).map(([label, example]) => [label, resolve(example).value]);
        }

        function shellQuote(text) { return "'" + text.replace(/'/g, "'\\''") + "'"; }

        function curlLine(method, path, body, headers) {
          let line = "curl -i" + (method === "GET" ? "" : method === "HEAD" ? " -I" : " -X " + method) + " " + shellQuote(origin + path);
          for (const [name, value] of Object.entries(headers)) line += " -H " + shellQuote(name + ": " + value);
          if (body !== null) line += " -H 'Content-Type: application/json' -d " + shellQuote(body);
          return line.replace("curl -i -I", "curl -I");
        }

        function operationView(path, method, operation) {
          const id = operation.operationId || method + path;
          const verb = method.toUpperCase();
          const parameters = (operation.parameters || []).map(resolve);
          const requestBody = resolve(operation.requestBody);
          const requestMedia = requestBody && requestBody.content && requestBody.content["application/json"];
          const section = el("section", { class: "operation", id: id },
            el("h2", null, el("span", { class: "method method-" + method }, verb), el("span", { class: "path" }, path)),
            el("p", null, operation.summary || ""));

          if (parameters.length) {
            const table = el("table", null, el("tr", { class: "head" }, el("th", null, "name"), el("th", null, "in"), el("th", null, "rules")));
            for (const parameter of parameters) {
              const schema = resolve(parameter.schema) || {};
              table.append(el("tr", null, el("td", null, el("code", null, parameter.name)),
                el("td", null, parameter.in + (parameter.required ? ", required" : "")),
                el("td", null, parameter.description || "", ...constraints(Object.assign({}, schema,
                  parameter.example !== undefined ? { example: parameter.example } : {})))));
            }
            section.append(el("h3", null, "Parameters"), table);
          }

          if (requestMedia) {
            section.append(el("h3", null, "Request body"), el("p", { class: "muted" }, "application/json" +
              (requestBody.required ? ", required" : "")), schemaView(requestMedia.schema));
            for (const [label, value] of examplesOf(requestMedia)) {
              section.append(el("pre", null, el("code", { "aria-label": label }, JSON.stringify(value))));
            }
          }

          section.append(el("h3", null, "Responses"));
          for (const [code, reference] of Object.entries(operation.responses || {})) {
            const response = resolve(reference) || {};
            const media = response.content && Object.entries(response.content)[0];
            const details = el("details", code.startsWith("2") ? { open: "" } : null,
              el("summary", null, el("span", { class: statusClass(code) }, code), " ", response.description || ""));
            const headers = Object.entries(response.headers || {});
            if (headers.length) {
              const table = el("table", null, el("tr", { class: "head" }, el("th", null, "header"), el("th", null, "meaning")));
              for (const [name, header] of headers) {
                const resolved = resolve(header) || {};
                table.append(el("tr", null, el("td", null, el("code", null, name)), el("td", null, resolved.description || "",
                  ...constraints(Object.assign({}, resolve(resolved.schema) || {}, resolved.example !== undefined ? { example: resolved.example } : {})))));
              }
              details.append(table);
            }
            if (media) {
              details.append(el("p", { class: "muted" }, media[0]));
              if (media[1].schema) details.append(schemaView(media[1].schema));
              for (const [label, value] of examplesOf(media[1])) {
                details.append(el("pre", null, el("code", { "aria-label": label }, JSON.stringify(value))));
              }
            }
            section.append(details);
          }

          const form = el("form", { class: "try", "data-operation": id });
          const inputs = {};
          for (const parameter of parameters) {
            // Path parameters start filled in; optional query and header ones start empty and are sent only when filled.
            const example = String(parameter.example ?? (resolve(parameter.schema) || {}).example ?? "");
            const input = el("input", parameter.in === "path"
              ? { name: parameter.name, value: example, autocomplete: "off", spellcheck: "false" }
              : { name: parameter.name, placeholder: example, autocomplete: "off", spellcheck: "false" });
            inputs[parameter.name] = { input: input, place: parameter.in };
            form.append(el("label", null, parameter.name + (parameter.in === "path" ? "" : " (" + parameter.in + ", optional)"), input));
          }
          let bodyInput = null;
          if (requestMedia) {
            bodyInput = el("textarea", { name: "body", spellcheck: "false" });
            bodyInput.value = JSON.stringify(exampleOf(requestMedia) ?? {});
            form.append(el("label", null, "body (application/json)", bodyInput));
          }
          const curl = el("code", { class: "curl" });
          const result = el("pre", { class: "result", "aria-live": "polite" });
          const filled = (place) => Object.entries(inputs).filter(([, entry]) => entry.place === place && entry.input.value !== "");
          const targetPath = () => {
            const query = filled("query").map(([name, entry]) => encodeURIComponent(name) + "=" + encodeURIComponent(entry.input.value)).join("&");
            return path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(inputs[name] ? inputs[name].input.value : "")) + (query ? "?" + query : "");
          };
          const headerValues = () => Object.fromEntries(filled("header").map(([name, entry]) => [name, entry.input.value]));
          const refresh = () => { curl.textContent = curlLine(verb, targetPath(), bodyInput ? bodyInput.value : null, headerValues()); };
          form.addEventListener("input", refresh);
          form.addEventListener("submit", async (event) => {
            event.preventDefault();
            result.textContent = "…";
            const options = { method: verb, cache: "no-store", headers: headerValues() };
            if (bodyInput) { options.headers["Content-Type"] = "application/json"; options.body = bodyInput.value; }
            try {
              const response = await fetch(targetPath(), options);
              const text = await response.text();
              let body = text;
              try { if ((response.headers.get("content-type") || "").startsWith("application/json")) body = JSON.stringify(JSON.parse(text), null, 2); } catch (_) { }
              const headers = [...response.headers].map(([name, value]) => name + ": " + value).join("\n");
              result.replaceChildren(el("span", { class: statusClass(response.status) }, response.status + " " + response.statusText),
                headers + "\n\n" + (body.length > 4000 ? body.slice(0, 4000) + "\n… (" + text.length + " characters in all)" : body));
            } catch (error) {
              result.textContent = "request failed: " + error;
            }
          });
          form.append(el("button", { type: "submit" }, "Send " + verb + " request"));
          refresh();
          section.append(el("h3", null, "Try it"), el("pre", null, curl), form, result);
          return section;
        }

        document.getElementById("intro").textContent = spec.info.description || "";
        document.getElementById("version").textContent = "version " + spec.info.version + ", OpenAPI " + spec.openapi;
        const toc = el("ul", null);
        const operations = document.getElementById("operations");
        for (const [path, item] of Object.entries(spec.paths)) {
          for (const method of ["get", "put", "post", "delete", "patch"]) {
            if (!item[method]) continue;
            const view = operationView(path, method, item[method]);
            operations.append(view);
            toc.append(el("li", null, el("a", { href: "#" + view.id }, el("span", { class: "method method-" + method }, method.toUpperCase()), path)));
          }
        }
        document.getElementById("toc").append(toc);
        """#

    /// From `</script>` to the end.
    static let afterScript: StaticString = #"""
        </script>
        </body>
        </html>

        """#
}
