-- wrk script: POST /v1/recommendations for a rotating set of MovieLens user ids (1..943).
-- Usage: wrk -t2 -c32 -d30s -s bench/http/recommend.lua http://127.0.0.1:5080
local counter = 0
request = function()
  counter = counter + 1
  local user = (counter % 943) + 1
  local body = '{"userId":"' .. user .. '","k":10}'
  return wrk.format("POST", "/v1/recommendations", { ["Content-Type"] = "application/json" }, body)
end
