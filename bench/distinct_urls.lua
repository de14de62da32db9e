-- wrk script: each thread walks its own slice of a URL list (one URL per
-- line), so that every URL is asked at most once in the run and no response
-- cache can answer it. A thread that runs out of URLs prints EXHAUSTED and
-- stops (wrk still divides by the whole duration: the run is too long for
-- the list); with "wrap" it starts its slice again instead.
-- Usage: wrk -t2 -c64 -d5s -s bench/distinct_urls.lua http://HOST:PORT -- URLS_FILE THREADS [once|wrap]
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  wrap = args[3] == "wrap"
  urls = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id - 1 then urls[#urls + 1] = line end
    i = i + 1
  end
  next_url = 0
end

function request()
  next_url = next_url + 1
  if next_url > #urls then
    if wrap then
      next_url = 1
    else
      io.write("EXHAUSTED thread " .. id .. "\n")
      wrk.thread:stop()
      next_url = #urls
    end
  end
  return wrk.format("GET", urls[next_url])
end
