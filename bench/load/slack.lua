-- wrk script: replays pre-signed Slack slash commands (LoadKit sign: "ts TAB signature TAB body" per line).
-- Each wrk thread takes every n-th line, so no request is sent twice while the file lasts.
-- Usage: wrk -t2 -c32 -d20s -s slack.lua http://127.0.0.1:PORT/slack/commands -- FILE [threads]
-- Counts replies: 200 with an empty body (a silent ack), 200 with a body, other statuses; prints one JSON line.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file, nthreads = args[1], tonumber(args[2] or "2")
  requests, wrapped, sent = {}, 0, 0
  ok_empty, ok_body, other, last_bad = 0, 0, 0, ""
  local lines = {}
  for line in io.lines(file) do lines[#lines + 1] = line end
  if #lines == 0 then error("no requests in " .. file) end
  for i, line in ipairs(lines) do
    -- A file with fewer lines than threads (help: one request) is replayed whole by every thread.
    if #lines < nthreads or (i - 1) % nthreads == tid then
      local ts, sig, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", nil, {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Slack-Request-Timestamp"] = ts,
        ["X-Slack-Signature"] = sig,
      }, body)
    end
  end
  next_index = 0
end

function request()
  sent = sent + 1
  next_index = next_index + 1
  if next_index > #requests then next_index = 1; wrapped = wrapped + 1 end
  return requests[next_index]
end

function response(status, headers, body)
  if status == 200 then
    if body == nil or #body == 0 then ok_empty = ok_empty + 1 else ok_body = ok_body + 1 end
  else
    other = other + 1
    last_bad = tostring(status) .. " " .. string.sub(body or "", 1, 120)
  end
end

function done(summary, latency, requests_stats)
  local e, b, o, w, s, bad = 0, 0, 0, 0, 0, ""
  for _, t in ipairs(threads) do
    e = e + t:get("ok_empty"); b = b + t:get("ok_body"); o = o + t:get("other"); w = w + t:get("wrapped"); s = s + t:get("sent")
    if t:get("last_bad") ~= "" then bad = t:get("last_bad") end
  end
  local errs = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"ok_empty":%d,"ok_body":%d,"other_status":%d,"socket_errors":%d,"timeouts":%d,"wrapped":%d,"sent":%d,"last_bad":"%s"}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e, b, o, errs.connect + errs.read + errs.write, errs.timeout, w, s, (bad:gsub('[%c"\\]', ' '))))
end
