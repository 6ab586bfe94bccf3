-- wrk script: POST /v1/recommendations for a rotating set of MovieLens user ids (1..943).
-- Usage: wrk -t2 -c32 -d30s -s bench/http/recommend.lua http://127.0.0.1:5080
-- The 943 requests are formatted once per wrk thread: wrk shares the cores with the service, so every cycle it
-- spends building strings is taken from the server being measured.
local requests = {}
local counter = 0

init = function(args)
  for user = 1, 943 do
    local body = '{"userId":"' .. user .. '","k":10}'
    requests[user] = wrk.format("POST", "/v1/recommendations", { ["Content-Type"] = "application/json" }, body)
  end
end

request = function()
  counter = counter + 1
  return requests[(counter % 943) + 1]
end
