-- Refresh as many clients do, each always sending the successor it last received: every wrk thread owns a
-- pool of sessions (args: the number of wrk threads, then the tokens, split round-robin between threads). A request takes a
-- token from the pool; its 200 puts the successor back. Each token is sent exactly once, so any non-200 is
-- a real failure (the pool is larger than the thread's connections, so a connection always finds a token).
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  pool = {}
  local threads = tonumber(args[1])
  for i = 2, #args do
    if (i - 2) % threads == id then
      table.insert(pool, args[i])
    end
  end
end

function request()
  local token = table.remove(pool)
  if token == nil then
    -- Should not happen; a malformed token keeps wrk going and shows up as a non-2xx.
    token = "pool-empty"
  end
  return wrk.format("POST", "/api/auth/refresh", { ["Content-Type"] = "application/json" }, '{"refreshToken":"' .. token .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    local successor = body:match('"refreshToken":"([^"]+)"')
    if successor then table.insert(pool, successor) end
  end
end
