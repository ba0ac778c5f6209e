-- POSTs a JSON body (args[1]) to one path (args[2]) and counts the responses by status; prints
-- "status CODE COUNT" lines when the run ends. With args[3] = N, each request's body has "{n}" replaced by the next
-- of 1..N in turn (N accounts logging in, rather than one account N times). With args[4] = T (wrk's -t), each of the T
-- threads takes its own N/T of the accounts, so that one account is not logged in by two threads at once (sixteen people
-- each logging in once, not the same person twice: the per-account throttle counts attempts in flight).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  template = args[1]
  path = args[2]
  accounts = tonumber(args[3] or "0")
  local nthreads = tonumber(args[4] or "1")
  share = math.max(1, math.floor(accounts / nthreads))
  first = ((id or 1) - 1) * share
  turn = 0
  counts = {}
end

function request()
  local body = template
  if accounts > 0 then
    turn = turn % share + 1
    body = string.gsub(template, "{n}", tostring(first + turn))
  end
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d %d\n", status, count))
  end
end
