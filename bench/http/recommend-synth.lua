-- wrk script: POST /v1/recommendations for the users of a `synth` data set (ids u1..uN, N from the USERS environment
-- variable, default 20000), each connection walking its own stride so concurrent requests are for different users.
-- Usage: USERS=20000 wrk -t2 -c64 -d30s -s bench/http/recommend-synth.lua http://127.0.0.1:5098
local users = tonumber(os.getenv("USERS") or "20000")
local counter = 0
request = function()
  counter = counter + 1
  local user = ((counter * 7919) % users) + 1
  local body = '{"userId":"u' .. user .. '","k":10}'
  return wrk.format("POST", "/v1/recommendations", { ["Content-Type"] = "application/json" }, body)
end
