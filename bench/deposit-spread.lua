-- wrk: a deposit of one cent per request, on a new connection each time, each request to the next
-- of 1,000 accounts (1000-1999, as bench.py preloads them), as deposits from many terminals would be.
-- Each wrk thread starts at its own offset so two threads do not walk the same account in step.
wrk.method = "POST"
wrk.body = '{"amount":"0.01"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Connection"] = "close"

local threads = 0
function setup(thread)
    thread:set("offset", threads * 500)
    threads = threads + 1
end

local next_account = nil
function request()
    if next_account == nil then next_account = offset or 0 end
    local account = 1000 + next_account % 1000
    next_account = next_account + 1
    return wrk.format(nil, "/accounts/" .. account .. "/deposit")
end
