-- bench/wrk_check.lua: what the bench/*.lua wrk scripts share. Install(expected, hooks)
-- defines wrk's setup/init/response/done: each thread gets a number (`thread_id`, from 1),
-- requests sent and responses by status are counted per thread, and done() prints
--   statuses: 303=1234 (sent 1238, unanswered when wrk stopped 4)
-- then exits 1 (so wrk fails) if any response had another status than `expected`.
-- hooks.init(), hooks.response(status, headers, body) run in each thread after the
-- counting; hooks.done(threads) in the main state before the verdict.
local M = {}

local threads = {}

function M.Install(expected, hooks)
  hooks = hooks or {}

  function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_id", #threads)
  end

  function init(args)
    sent = 0
    statuses = {}
    if hooks.init then hooks.init(args) end
  end

  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if hooks.response then hooks.response(status, headers, body) end
  end

  function done(summary, latency, requests)
    local total, keys, all_sent, answered = {}, {}, 0, 0
    for _, thread in ipairs(threads) do
      all_sent = all_sent + thread:get("sent")
      for status, n in pairs(thread:get("statuses")) do
        if not total[status] then table.insert(keys, status) end
        total[status] = (total[status] or 0) + n
        answered = answered + n
      end
    end
    table.sort(keys)
    local parts = {}
    for _, status in ipairs(keys) do table.insert(parts, status .. "=" .. total[status]) end
    if #parts == 0 then parts = { "none" } end
    print(string.format("statuses: %s (sent %d, unanswered when wrk stopped %d)",
                        table.concat(parts, " "), all_sent, all_sent - answered))
    if hooks.done then hooks.done(threads) end
    local unexpected = 0
    for status, n in pairs(total) do
      if status ~= expected then unexpected = unexpected + n end
    end
    if unexpected > 0 or (total[expected] or 0) == 0 then
      io.stderr:write(string.format("error: %d responses were not %d (and %d were)\n",
                                    unexpected, expected, total[expected] or 0))
      io.stdout:flush()
      os.exit(1)
    end
  end
end

return M
