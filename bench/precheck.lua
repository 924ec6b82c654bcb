-- wrk script: saves one compliance form again and again (PUT, answered with
-- the form's instant pre-checks) as a signed-in ente user, and prints the
-- 50th, 95th and 99th percentiles of latency and the answers that were not
-- 2xx at the end. BODY names the file with the JSON body, FORM_PATH the
-- form's path, COOKIE the session cookie and CSRF its token.
local file = assert(io.open(os.getenv("BODY"), "r"))
local body = file:read("*a")
file:close()
local headers = {
  ["Content-Type"] = "application/json",
  ["Cookie"] = os.getenv("COOKIE"),
  ["X-CSRF-Token"] = os.getenv("CSRF"),
}
local path = os.getenv("FORM_PATH")

request = function()
  return wrk.format("PUT", path, headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2fms p95 %.2fms p99 %.2fms non-2xx %d\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
