-- wrk script for bench/soak.sh: every request is the next target of a list
-- (distinct URLs, not one cached one), each thread starting at its own place,
-- and each connection waits DELAY_MS between requests to pace the load.
--   wrk -s bench/soak.lua URL -- TARGETS_FILE DELAY_MS
local targets = {}
local delay_ms = 0
local next_index = 1

local threads = {}
function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(targets, line) end
  end
  delay_ms = tonumber(args[2] or "0")
  next_index = (offset * 7919) % #targets + 1
end

function request()
  local t = targets[next_index]
  next_index = next_index % #targets + 1
  return wrk.format("GET", t)
end

function delay()
  return delay_ms
end
