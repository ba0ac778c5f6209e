-- POSTs one JSON body (args[1]) to one path (args[2]) on every request.
function init(args)
  body = args[1]
  path = args[2]
end

function request()
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, body)
end
