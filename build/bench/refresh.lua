-- Chains refreshes as a real client does: each thread starts from the refresh token of its own session
-- (args[thread number]) and always sends the successor it last received. One connection per thread
-- keeps each chain in order.
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  token = args[id]
end

function request()
  return wrk.format("POST", "/api/auth/refresh", { ["Content-Type"] = "application/json" },
    '{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    token = body:match('"refreshToken":"([^"]+)"') or token
  end
end
