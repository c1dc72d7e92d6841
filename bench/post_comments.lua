-- bench/post_comments.lua: a wrk script that posts comments as a reader's browser does
-- (POST /comment, application/x-www-form-urlencoded), to the posts of COMMENT_FORMS
-- ("POST_ID:TOKEN ..."; the form token taken from each post's page) in turn. Each body is
-- unique (thread number and counter), since a repeated body is refused with 409. Fails
-- unless every answer is 303 (published); the ids of the acknowledged comments (from
-- Location: ...#c<ID>) are written one a line to ACKED_FILE if it is set.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local check = dofile(here .. "wrk_check.lua")

local forms = {}
for id, token in (os.getenv("COMMENT_FORMS") or ""):gmatch("(%d+):(%S+)") do
  table.insert(forms, { id = id, token = token })
end
assert(#forms > 0, "COMMENT_FORMS names no post_id:token")

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local counter = 0

check.Install(303, {
  init = function() acked = {} end,
  response = function(status, response_headers)
    if status == 303 then
      local id = (response_headers["Location"] or ""):match("%?showComment=%d+#c(%d+)$")
      if id then table.insert(acked, id) end
    end
  end,
  done = function(threads)
    local file_name = os.getenv("ACKED_FILE")
    if not file_name then return end
    local file = assert(io.open(file_name, "w"))
    for _, thread in ipairs(threads) do
      for _, id in ipairs(thread:get("acked")) do file:write(id, "\n") end
    end
    file:close()
  end,
})

function request()
  sent = sent + 1
  counter = counter + 1
  local form = forms[(thread_id + counter) % #forms + 1]
  local body = "post_id=" .. form.id .. "&parent_id=&token=" .. form.token ..
      "&name=Bench+reader+" .. thread_id .. "&url=&email=" ..
      "&body=Comment+" .. thread_id .. "-" .. counter ..
      "+from+the+benchmark%3A+a+few+plain+words+about+the+post%2C+long+enough+to+look+" ..
      "like+a+reader%27s+note+and+short+enough+to+be+read+at+a+glance."
  return wrk.format("POST", "/comment", headers, body)
end
