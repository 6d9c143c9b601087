-- wrk script: each request GETs a random path from the file named by the PATHS variable, with the
-- API token from TOKEN. Paths are read once per thread.
local paths = {}
function init(args)
  for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
