-- Shared by the wrk scripts of `make bench` (loaded with dofile; scripts/bench.sh sets the
-- HEJIA_BENCH_* variables). Each wrk thread has its own Lua state: setup() runs in the main one.
local M = {}

M.dir = os.getenv("HEJIA_BENCH_DIR") or "bench"
M.data = os.getenv("HEJIA_BENCH_DATA") or "."
M.cookie = os.getenv("HEJIA_BENCH_COOKIE") or ""
M.csrf = os.getenv("HEJIA_BENCH_CSRF") or ""

M.threads = {}
local next_id = 0

-- Numbers each thread (0, 1, ...) so that each walks its own part of the work.
function M.setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(M.threads, thread)
end

function M.read_ids(name)
  local ids = {}
  for line in io.lines(M.data .. "/" .. name) do
    ids[#ids + 1] = tonumber(line)
  end
  assert(#ids > 0, "no ids in " .. name)
  return ids
end

function M.headers(extra)
  local h = { ["Cookie"] = "hejia_session=" .. M.cookie }
  for k, v in pairs(extra or {}) do h[k] = v end
  return h
end

-- One machine-readable line for scripts/bench.sh. `bad` counts answers that were not what the
-- request must get (wrk's own status errors are every answer >= 400).
function M.report(summary, latency, bad, first_bad)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d status_errors=%d socket_errors=%d bad=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, bad or 0))
  if first_bad and first_bad ~= "" then
    io.write("FIRST_BAD " .. first_bad .. "\n")
  end
end

-- wrk's done() where an answer is bad when wrk counts it a status error (>= 400).
function M.done(summary, latency, requests)
  M.report(summary, latency, summary.errors.status)
end

-- A script that checks each answer itself: response() counts those that are not `want` (or, with
-- `must_contain`, whose body lacks it), keeping the first as a sample, and done() reports them
-- (for the scripts that write: every answer must be their 201).
function M.count_bad(want, must_contain)
  bad = 0
  first_bad = ""
  response = function(status, headers, body)
    if status ~= want or (must_contain and not string.find(body or "", must_contain, 1, true)) then
      bad = bad + 1
      if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 300) end
    end
  end
  done = function(summary, latency, requests)
    local total_bad, sample = 0, ""
    for _, t in ipairs(M.threads) do
      total_bad = total_bad + (t:get("bad") or 0)
      local fb = t:get("first_bad")
      if sample == "" and fb and fb ~= "" then sample = fb end
    end
    M.report(summary, latency, total_bad, sample)
  end
end

-- Requests formatted once (in init, so wrk's Lua costs little per request) and sent in turn:
-- `turn.requests` is filled in init, `turn.start(k)` puts each thread at its own place, and
-- `turn.request` is wrk's request(), which must be a global when the script is loaded.
function M.in_turn()
  local t = { requests = {}, i = 0 }
  function t.start(k)
    t.i = k % #t.requests
  end
  function t.request()
    t.i = t.i % #t.requests + 1
    return t.requests[t.i]
  end
  return t
end

return M
