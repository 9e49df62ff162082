-- GET /api/v1/people/{id} (masked) as the town_staff of 东城街道, over every person of the town in
-- a fixed shuffled order (people_ids.txt from `hejia_bench prepare`); each thread starts at its
-- own offset. The requests are formatted once in init, so wrk's Lua costs little per request.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup

local turn = common.in_turn()
request = turn.request
done = common.done

function init(args)
  local ids = common.read_ids("people_ids.txt")
  local headers = common.headers()
  for k = 1, #ids do
    turn.requests[k] = wrk.format("GET", "/api/v1/people/" .. ids[k], headers)
  end
  turn.start(math.floor(thread_id * #ids / 2))
end
