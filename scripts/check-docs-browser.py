#!/usr/bin/env python3
"""The browser half of scripts/check-docs-browser: drives /docs through chromedriver's WebDriver API.

Arguments: the service's base URL, chromedriver's base URL, the directory for screenshots.
Standard library only. Exits non-zero with one line per failed check."""

import base64
import json
import re
import sys
import time
import urllib.error
import urllib.request

service, driver, screenshots = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []
WIDTHS = [(360, 800), (1280, 900)]


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(driver + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"{}").get("value")
    except urllib.error.HTTPError as error:
        raise SystemExit(f"check-docs-browser: {method} {path}: {error.code} {error.read()[:400]!r}")


def http(method, path, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    request = urllib.request.Request(service + path, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(script, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        value = run(script)
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


status, document = http("GET", "/openapi.json")
spec = json.loads(document)
operations = [operation["operationId"] for item in spec["paths"].values()
              for method, operation in item.items() if method in ("get", "put", "post", "delete", "patch")]

capabilities = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
             "--force-device-scale-factor=1"]}}}}
session = call("POST", "/session", capabilities)["sessionId"]


def run(script, *arguments):
    return call("POST", f"/session/{session}/execute/sync", {"script": script, "args": list(arguments)})


def cdp(command, parameters):
    return call("POST", f"/session/{session}/goog/cdp/execute", {"cmd": command, "params": parameters})


try:
    # Collect every CSP violation from the first script on, before the page's own.
    cdp("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__violations = [];
        document.addEventListener("securitypolicyviolation",
          (event) => window.__violations.push(event.violatedDirective + " " + event.blockedURI));"""})
    deposited = False
    for width, height in WIDTHS:
        cdp("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                  "mobile": width < 600})
        call("POST", f"/session/{session}/url", {"url": service + "/docs"})
        rendered = wait_for(f"return document.querySelectorAll('section.operation').length >= {len(operations)}")
        check(rendered, f"{width}px: all {len(operations)} operations rendered")
        ids = run("return [...document.querySelectorAll('section.operation')].map((s) => s.id)")
        check(ids == operations, f"{width}px: one section per operation, in document order ({ids})")
        for operation in operations:
            parts = run("""const s = document.getElementById(arguments[0]);
                return s && [s.querySelectorAll('details').length, !!s.querySelector('form.try button'),
                             /^curl /.test(s.querySelector('code.curl').textContent)]""", operation)
            check(parts and parts[0] > 0 and parts[1] and parts[2],
                  f"{width}px: {operation} shows its responses, a try-it form and a curl line")
        overflow = run("""const limit = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > limit + 0.5)
              .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
            return {scroll: document.documentElement.scrollWidth, limit, wide}""")
        check(overflow["scroll"] <= overflow["limit"] and not overflow["wide"],
              f"{width}px: no horizontal overflow (scrollWidth {overflow['scroll']}, viewport {overflow['limit']}, "
              f"wider: {overflow['wide']})")

        if not deposited:
            run("""const form = document.querySelector('form[data-operation=deposit]');
                form.querySelector('input[name=account_number]').value = '1002';
                form.querySelector('textarea').value = '{"amount":"10.50"}';
                form.querySelector('textarea').dispatchEvent(new Event('input', {bubbles: true}));
                form.querySelector('button').click();""")
            result = wait_for("""const r = document.querySelector('#deposit .result').textContent;
                return r.startsWith('…') ? '' : r""")
            check(result.startswith("200 "), f"{width}px: the deposit form answered 200 ({result[:60]!r})")
            check('"balance": "261.00"' in result, f"{width}px: the form shows the new balance 261.00")
            check("x-content-type-options: nosniff" in result.lower(), f"{width}px: the form shows the headers")
            curl = run("return document.querySelector('#deposit code.curl').textContent")
            check(curl == f"curl -i -X POST '{service}/accounts/1002/deposit' -H 'Content-Type: application/json' "
                          "-d '{\"amount\":\"10.50\"}'", f"{width}px: the curl line follows the form ({curl})")
            status, body = http("GET", "/accounts/1002/balance")
            check(json.loads(body).get("balance") == "261.00", "the deposit through the page reached the ledger")
            deposited = True

        # The whole page, its first screen, and the deposit operation with the form's answer.
        box = run("""const r = document.getElementById('deposit').getBoundingClientRect();
            return {x: 0, y: r.top + window.scrollY, width: document.documentElement.clientWidth,
                    height: Math.min(r.height, 4000), scale: 1}""")
        for name, clip in [("full", None), ("top", {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}),
                           ("deposit", box)]:
            parameters = {"format": "png", "captureBeyondViewport": True}
            if clip:
                parameters["clip"] = clip
            path = f"{screenshots}/docs-{width}-{name}.png"
            with open(path, "wb") as file:
                file.write(base64.b64decode(cdp("Page.captureScreenshot", parameters)["data"]))
            print(f"      screenshot {path}")
        violations = run("return window.__violations")
        check(violations == [], f"{width}px: no Content-Security-Policy violation ({violations})")
        run("document.head.append(Object.assign(document.createElement('style'), {textContent: 'p { color: red }'}))")
        seen = wait_for("return window.__violations.length > 0", timeout=5)
        check(seen, f"{width}px: an inline style the policy does not list is refused and reported")

    # Dark mode follows prefers-color-scheme.
    light = run("return getComputedStyle(document.body).backgroundColor")
    cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    dark = run("return getComputedStyle(document.body).backgroundColor")
    check(light != dark, f"prefers-color-scheme: dark changes the page ({light} to {dark})")
    path = f"{screenshots}/docs-{WIDTHS[-1][0]}-dark.png"
    with open(path, "wb") as file:
        file.write(base64.b64decode(cdp("Page.captureScreenshot", {"format": "png"})["data"]))
    print(f"      screenshot {path}")

    # The Amount pattern, as ECMA-262 (the browser) and as Python's re, against the server itself:
    # withdrawing from 2001 (balance 0.00) refuses a well-formed amount as "insufficient funds" and
    # any other as invalid, and changes nothing either way.
    pattern = spec["components"]["schemas"]["Amount"]["pattern"]
    examples = ["1", "10", "10.5", "10.50", "0.01", "0.1", "0.10", "00.01", "01", "9.99", "1000000000000",
                "1000000000000.00", "0", "0.00", "00.0", "0.0", "00", "000.00", "", " 10", "10 ", "+5", "-5",
                "1e2", "NaN", "10.", ".5", "10.505", "\u0661\u0660", "1,00", "0x10", "0.000", "10.5.0"]
    in_browser = run("const p = new RegExp(arguments[0], 'u'); return arguments[1].map((e) => p.test(e))",
                     pattern, examples)
    for example, browser_match in zip(examples, in_browser):
        python_match = re.search(pattern, example) is not None
        status, body = http("POST", "/accounts/2001/withdraw", json.dumps({"amount": example}).encode())
        server_valid = status == 400 and json.loads(body).get("detail") == "insufficient funds"
        check(browser_match == python_match == server_valid,
              f"amount {example!r}: pattern (ECMA {browser_match}, Python {python_match}) agrees with the server "
              f"({status} {body[:70]!r})")
finally:
    call("DELETE", f"/session/{session}")

if failures:
    print(f"check-docs-browser: {len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
