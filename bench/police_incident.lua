-- POST /api/v1/police/incidents as the police 110 system's server: each request signed with the
-- partner's key and its own nonce (incidents.txt from `hejia_bench sign-incidents`, made just
-- before the run), each a new incident taken in with its three pushes, durable (answered after
-- its group commit is on disk). Every answer must be 201; anything else is counted and reported.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup
common.count_bad(201)

local requests, i, last = {}, 0, 0

function init(args)
  local code = os.getenv("HEJIA_BENCH_PARTNER") or ""
  local n = 0
  for line in io.lines(common.data .. "/incidents.txt") do
    -- Each thread sends every other line: no request is sent twice.
    if n % 2 == thread_id then
      local ts, nonce, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", "/api/v1/police/incidents", {
        ["Content-Type"] = "application/json",
        ["X-HeJia-Partner"] = code,
        ["X-HeJia-Timestamp"] = ts,
        ["X-HeJia-Nonce"] = nonce,
        ["X-HeJia-Signature"] = sig,
      }, body)
    end
    n = n + 1
  end
  assert(#requests > 0, "no signed incidents")
end

function request()
  i = i + 1
  if i > #requests then i = 1 end  -- past the file: replays, answered 401 and counted bad
  return requests[i]
end
