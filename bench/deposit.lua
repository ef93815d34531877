-- wrk: a deposit of one cent per request, on a new connection each time.
wrk.method = "POST"
wrk.body = '{"amount":"0.01"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Connection"] = "close"
