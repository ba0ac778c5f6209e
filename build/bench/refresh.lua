-- Chains refreshes: each thread starts from its own session's refresh token and always sends the
-- successor it just received, as a real client does. One connection per thread keeps the chain in order.
local token = nil
local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  token = args[id] or args[1]
end

function request()
  return wrk.format("POST", "/api/auth/refresh", { ["Content-Type"] = "application/json" },
    '{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    local next_token = body:match('"refreshToken":"([^"]+)"')
    if next_token then token = next_token end
  else
    failures = (failures or 0) + 1
  end
end
