-- wrk script: each request GETs a random path from the file named by the PATHS variable, with the
-- API token from TOKEN. The requests are formatted once per thread, so that the load generator,
-- which shares the cores with the server, spends as little as it can per request.
local requests = {}
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  for line in io.lines(os.getenv("PATHS")) do requests[#requests + 1] = wrk.format("GET", line) end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000)
end
function request()
  return requests[math.random(#requests)]
end
