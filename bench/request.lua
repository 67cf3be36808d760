-- wrk script of bench/run.sh. The request comes from the environment:
--   BENCH_METHOD, BENCH_BODY (may be empty), BENCH_KEY_HEADER,
--   BENCH_KEYS: 0 = one fixed key, sent as a static request (wrk's fast path);
--               N > 0 = N keys ("bench-key-1".."bench-key-N") in turn, one per
--               request, so N = 1 and N = 64 go through the same Lua code.
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""
local keyHeader = os.getenv("BENCH_KEY_HEADER") or "X-Api-Key"
local keys = tonumber(os.getenv("BENCH_KEYS") or "0")

wrk.method = method
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
wrk.headers[keyHeader] = "bench-key"

if keys > 0 then
  local n = 0
  local requests = {}
  -- Formatted per thread in init: the global chunk runs before wrk knows
  -- the host, and a request without Host is refused.
  init = function(args)
    local headers = {}
    for k, v in pairs(wrk.headers) do headers[k] = v end
    for i = 1, keys do
      headers[keyHeader] = "bench-key-" .. i
      requests[i] = wrk.format(method, nil, headers, body ~= "" and body or nil)
    end
  end
  request = function()
    n = n % keys + 1
    return requests[n]
  end
end
