-- wrk script: the writes of the soak, in turn — an ente's form saved again
-- (PUT an inventory service), a service added, the agency suspending or
-- reinstating a listing (one of two at once is refused with 409: not an
-- error). WRITES names a file of lines "METHOD PATH TOKEN BODY"; "{n}" in a
-- body is replaced by a request counter. Counts the answers by class and
-- prints them at the end; a 5xx is a server error.
local writes = {}
for line in io.lines(os.getenv("WRITES")) do
  local method, path, token, body = line:match("^(%S+) (%S+) (%S+) (.*)$")
  if method then writes[#writes + 1] = { method = method, path = path, token = token, body = body } end
end
local i, n = 0, 0
counts = {}
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function()
  counts = { ["2xx"] = 0, ["4xx"] = 0, ["5xx"] = 0 }
end

request = function()
  i = i % #writes + 1
  n = n + 1
  local w = writes[i]
  local headers = { ["Authorization"] = "Bearer " .. w.token, ["Content-Type"] = "application/json" }
  return wrk.format(w.method, w.path, headers, (w.body:gsub("{n}", tostring(n))))
end

response = function(status)
  local class = math.floor(status / 100) .. "xx"
  counts[class] = (counts[class] or 0) + 1
end

done = function(summary, latency, requests)
  local total = { ["2xx"] = 0, ["4xx"] = 0, ["5xx"] = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  io.write(string.format("answers 2xx %d 4xx %d 5xx %d\n", total["2xx"], total["4xx"], total["5xx"]))
  io.write(string.format("p50 %.2fms p95 %.2fms p99 %.2fms\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
