-- bench/read_pages.lua: a wrk script that GETs the paths in READ_PATHS (space-separated)
-- in turn. It has no response() hook on purpose: with one, wrk copies every body into Lua,
-- which would make the load generator, not the server, the limit. The statuses are checked
-- afterwards in the server's access log (bench/comments.sh).
local requests = {}
for path in (os.getenv("READ_PATHS") or ""):gmatch("%S+") do
  table.insert(requests, wrk.format("GET", path))
end
assert(#requests > 0, "READ_PATHS names no path")

local next_request = 0

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
