-- GET /api/v1/key-families: one page of 25 key families in 东城街道's scope (the caller's own
-- area), newest first, pages 1..4 in turn, over the 100,000 families `hejia_bench
-- list-families` listed across the city.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup

local pages = 4
local turn = common.in_turn()
request = turn.request
done = common.done

function init(args)
  local headers = common.headers()
  for p = 1, pages do
    turn.requests[p] = wrk.format("GET", "/api/v1/key-families?page=" .. p .. "&page_size=25",
      headers)
  end
  turn.start(thread_id)
end
