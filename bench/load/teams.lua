-- wrk script: Bot Framework message activities to POST /api/messages, each with the Connector token (Authorization:
-- Bearer, minted by LoadKit stubs for the App ID, serviceurl = the connector stub) and its own channel thread
-- ("19:…@thread.tacv2;messageid=N"), as a new post in a Teams channel is. The bot is @mentioned, as Teams requires.
-- Usage: wrk ... -s teams.lua http://127.0.0.1:PORT/api/messages -- TOKEN_FILE SERVICE_URL KIND(help|gap) CHANNELS PREFIX
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1]))
  token = f:read("*l")
  f:close()
  service_url, kind, channels, prefix = args[2], args[3], tonumber(args[4] or "50"), args[5] or "t"
  n, ok, other, last_bad = 0, 0, 0, ""
  headers = { ["Content-Type"] = "application/json; charset=utf-8", ["Authorization"] = "Bearer " .. token }
end

local template = '{"type":"message","id":"%s","timestamp":"2026-01-01T00:00:00.000Z","serviceUrl":"%s","channelId":"msteams",' ..
  '"from":{"id":"29:bench-user-%d","name":"Bench User %d","aadObjectId":"00000000-0000-0000-0000-0000000000%02d"},' ..
  '"conversation":{"isGroup":true,"conversationType":"channel","tenantId":"00000000-0000-0000-0000-000000000001","id":"%s"},' ..
  '"recipient":{"id":"28:00000000-0000-0000-0000-000000000011","name":"RecoveryBot"},"textFormat":"plain","locale":"en-US",' ..
  '"text":"<at>RecoveryBot</at> %s","entities":[{"type":"mention","mentioned":{"id":"28:00000000-0000-0000-0000-000000000011","name":"RecoveryBot"},"text":"<at>RecoveryBot</at>"}],' ..
  '"channelData":{"tenant":{"id":"00000000-0000-0000-0000-000000000001"},"team":{"id":"19:benchteam@thread.tacv2"},"channel":{"id":"%s"}}}'

function request()
  n = n + 1
  local seq = n * 16 + tid
  local channel, text
  if kind == "help" then
    channel = "19:benchhelp@thread.tacv2"
    text = "help"
  else
    channel = string.format("19:bench%03d@thread.tacv2", seq % channels)
    text = string.format("gap Export drops umlauts in the monthly report %s-%d", prefix, seq)
  end
  local conversation = string.format("%s;messageid=%d", channel, 1700000000000 + seq)
  local user = seq % 5
  local body = string.format(template, "act-" .. seq, service_url, user, user, user, conversation, text, channel)
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1; last_bad = tostring(status) end
end

function done(summary, latency, requests_stats)
  local o, b, s, bad = 0, 0, 0, ""
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); b = b + t:get("other"); s = s + t:get("n")
    if t:get("last_bad") ~= "" then bad = t:get("last_bad") end
  end
  local errs = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"ok":%d,"other_status":%d,"socket_errors":%d,"timeouts":%d,"sent":%d,"last_bad":"%s"}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    o, b, errs.connect + errs.read + errs.write, errs.timeout, s, bad))
end
