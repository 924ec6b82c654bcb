-- wrk script: replays the paths of the file named by PATHS in turn, and
-- prints the 95th percentile of latency at the end.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end
local i = 0

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  io.write(string.format("p95 %.2fms p99 %.2fms\n", latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
