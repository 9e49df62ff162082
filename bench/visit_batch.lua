-- POST /api/v1/visits/batch (durable: answered after its commit is on disk): a phone's outbox of
-- 200 must-visits at a time to the town's households in turn, each with its own client id, as
-- the grid sisters' phones upload them when the signal comes back. Every answer must be 200 with
-- no visit refused ("failed":0); anything else is counted and reported. Visits per second are
-- the requests per second times HEJIA_BENCH_BATCH.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup

local batch = tonumber(os.getenv("HEJIA_BENCH_BATCH") or "200")
local households, headers, counter, visited_at

common.count_bad(200, '"failed":0')

function init(args)
  households = common.read_ids("household_ids.txt")
  headers = common.headers({ ["Content-Type"] = "application/json", ["X-CSRF-Token"] = common.csrf })
  counter = 0
  visited_at = os.date("!%Y-%m-%dT%H:%M:%S+08:00", os.time() + 7 * 3600)
end

function request()
  local items = {}
  for j = 1, batch do
    local k = counter
    counter = counter + 1
    items[j] = string.format(
      '{"client_id":"bench-%d-%d","household_id":%d,"visited_at":"%s","kind":"must_visit",' ..
      '"situations":"hardship","mode":"home","people_met":"户主","findings":"家庭情况稳定，已宣传求助渠道",' ..
      '"minutes":30}',
      thread_id, k, households[k % #households + 1], visited_at)
  end
  return wrk.format("POST", "/api/v1/visits/batch", headers,
    '{"visits":[' .. table.concat(items, ",") .. ']}')
end
