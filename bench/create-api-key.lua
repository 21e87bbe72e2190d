-- wrk script: every request creates a new API key (one durable write: the key
-- row plus its audit event, hash-chained). Token from the environment.
local counter = 0
local token = os.getenv("KLIPSO_BENCH_TOKEN")
local thread_id = 0
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

function init(args)
  math.randomseed(os.time() + thread_id)
end

request = function()
  counter = counter + 1
  local body = string.format('{"name":"bench-%d-%d-%d","scopes":["visits:read"]}', thread_id, counter, math.random(1, 1000000000))
  return wrk.format("POST", "/v1/api-keys", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("non_2xx=%d\n", summary.errors.status))
end
