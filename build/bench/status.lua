-- POSTs one JSON body (args[1]) to one path (args[2]) and counts the responses by status; prints
-- "status CODE COUNT" lines when the run ends.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  body = args[1]
  path = args[2]
  counts = {}
end

function request()
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
