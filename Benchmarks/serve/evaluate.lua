-- wrk script for `mizan serve`: POST /v1/evaluate with raabigh records, each connection cycling
-- through the shipped raabigh fixtures. Non-200 answers are counted and printed at the end.
local records = {}
for _, name in ipairs({"eligible-complete", "incomplete-expired-id", "incomplete-unknown-income",
                       "ineligible-wins-over-incomplete", "incomplete-field-visit-undetermined"}) do
  local file = assert(io.open("fixtures/records/raabigh/" .. name .. ".json", "rb"))
  records[#records + 1] = file:read("*a")
  file:close()
end

local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Mizan-Staff"] = "load test"

request = function()
  counter = counter + 1
  return wrk.format(nil, "/v1/evaluate", nil, records[(counter % #records) + 1])
end

local failures = 0
response = function(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or socket errors: %d (status %d, connect %d, read %d, write %d, timeout %d)\n",
    summary.errors.status, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
