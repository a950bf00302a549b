-- POSTs a new incident per request with a personal API token; prints a JSON summary at the end.
-- LATITUDE_TOKEN comes from the environment of wrk, set by latitude/bench/http/load.py.
local token = os.getenv("LATITUDE_TOKEN")
local counter = 0

wrk.method = "POST"
wrk.path = "/api/v1/tickets"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  counter = counter + 1
  local body = '{"kind": "incident", "subject": "Printer on floor 3 is offline (load ' ..
    counter .. ')", "description": "Opened over HTTP by the benchmark load generator."}'
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "median_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "mean_us": %f, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.status,
    e.timeout))
end
