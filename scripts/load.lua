-- wrk script: readers browsing every public page in turn (the bulk /export.json download is
-- left out: it is a data dump, not a page); counts non-2xx answers as errors and
-- prints p50/p95 latency and requests/s as one JSON line at the end.
local paths = {
  "/", "/timeline/", "/positions/", "/statements/", "/statements/?sort=-date",
  "/meetings/", "/responses/", "/events/?kind=parade", "/actors/", "/documents/",
  "/search/?q=trade", "/timeline.json", "/positions/ukraine-conflict/",
}
local extra = os.getenv("LOAD_EXTRA_PATHS")
if extra then
  for p in string.gmatch(extra, "[^,]+") do table.insert(paths, p) end
end
local i = 0
local failures = 0

request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

response = function(status, headers, body)
  if status < 200 or status >= 400 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.1f, "rps": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, ' ..
    '"p99_ms": %.1f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, socket_errors))
end
