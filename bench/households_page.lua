-- GET /api/v1/households: one page of 25 households in 东城街道's scope (region=330784001),
-- filtered by head name (q=王, about one household in thirty; HEJIA_BENCH_Q, URL-encoded, "" for
-- no filter), newest first, pages 1..4 in turn.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup

local town = os.getenv("HEJIA_BENCH_TOWN") or "330784001"
local q = os.getenv("HEJIA_BENCH_Q") or "%E7%8E%8B" -- 王
local pages = 4
local turn = common.in_turn()
request = turn.request
done = common.done

function init(args)
  local headers = common.headers()
  local filter = q ~= "" and ("&q=" .. q) or ""
  for p = 1, pages do
    turn.requests[p] = wrk.format("GET", "/api/v1/households?region=" .. town .. filter ..
      "&page=" .. p .. "&page_size=25", headers)
  end
  turn.start(thread_id)
end
