-- bench/read_pages.lua: a wrk script that GETs the paths in READ_PATHS (space-separated)
-- in turn, each thread starting at its own place, and fails unless every answer is 200.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local check = dofile(here .. "wrk_check.lua")

local paths = {}
for path in (os.getenv("READ_PATHS") or ""):gmatch("%S+") do table.insert(paths, path) end
assert(#paths > 0, "READ_PATHS names no path")

local requests, next_request = {}, 1

check.Install(200, {
  init = function()
    for i, path in ipairs(paths) do requests[i] = wrk.format("GET", path) end
    next_request = (thread_id - 1) % #requests + 1
  end,
})

function request()
  sent = sent + 1
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
