-- bench/post_comments.lua: a wrk script that posts comments as a reader's browser does
-- (POST /comment, application/x-www-form-urlencoded) to the posts of COMMENT_FORMS
-- ("POST_ID:TOKEN ...", each token taken from the post's page) in turn. Each body is
-- unique (COMMENT_RUN, thread number and counter): a repeated body is refused with 409.
--
-- Every answer must be 303 (published): statuses are counted per thread and done()
-- prints
--   statuses: 303=1234 (sent 1239, unanswered when wrk stopped 5)
-- then exits 1, failing wrk, if any answer had another status. "sent" counts request()
-- calls, one of which wrk 4 makes only to check the script before the run, so
-- "unanswered" bounds from above the requests still in flight when wrk stopped. The ids
-- of the acknowledged comments (Location: ...#c<ID>) go one a line to ACKED_FILE if set.
local forms = {}
for id, token in (os.getenv("COMMENT_FORMS") or ""):gmatch("(%d+):(%S+)") do
  table.insert(forms, { id = id, token = token })
end
assert(#forms > 0, "COMMENT_FORMS names no post_id:token")

-- COMMENT_DELAY_MS, when set, paces each connection: it waits that long before each
-- comment (bench/comments.sh sets it from WRITE_RATE).
local pause = tonumber(os.getenv("COMMENT_DELAY_MS") or "")
if pause then
  function delay() return pause end
end

local threads = {}
local run = os.getenv("COMMENT_RUN") or "1"
local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

function init(args)
  sent = 0
  statuses = {}
  acked = {}
end

function request()
  sent = sent + 1
  counter = counter + 1
  local form = forms[(thread_id + counter) % #forms + 1]
  local body = "post_id=" .. form.id .. "&parent_id=&token=" .. form.token ..
      "&name=Bench+reader+" .. thread_id .. "&url=&email=" ..
      "&body=Comment+" .. run .. "-" .. thread_id .. "-" .. counter ..
      "+from+the+benchmark%3A+a+few+plain+words+about+the+post%2C+long+enough+to+look+" ..
      "like+a+reader%27s+note+and+short+enough+to+be+read+at+a+glance."
  return wrk.format("POST", "/comment", headers, body)
end

function response(status, response_headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 303 then
    local id = (response_headers["Location"] or ""):match("%?showComment=%d+#c(%d+)$")
    if id then table.insert(acked, id) end
  end
end

function done(summary, latency, requests)
  local total, keys, all_sent, answered = {}, {}, 0, 0
  local file = os.getenv("ACKED_FILE") and assert(io.open(os.getenv("ACKED_FILE"), "w"))
  for _, thread in ipairs(threads) do
    all_sent = all_sent + thread:get("sent")
    for status, n in pairs(thread:get("statuses")) do
      if not total[status] then table.insert(keys, status) end
      total[status] = (total[status] or 0) + n
      answered = answered + n
    end
    if file then
      for _, id in ipairs(thread:get("acked")) do file:write(id, "\n") end
    end
  end
  if file then file:close() end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do table.insert(parts, status .. "=" .. total[status]) end
  print(string.format("statuses: %s (sent %d, unanswered when wrk stopped %d)",
                      #parts > 0 and table.concat(parts, " ") or "none", all_sent,
                      all_sent - answered))
  local others = answered - (total[303] or 0)
  if others > 0 or answered == 0 then
    io.stderr:write(string.format("error: %d of %d answers were not 303 See Other\n",
                                  others, answered))
    io.stdout:flush()
    os.exit(1)
  end
end
