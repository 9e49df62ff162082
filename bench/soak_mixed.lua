-- `make soak`: a mixed load of what the desk does all day, signed in as the town staff of 东城街道:
-- household and case pages, a name search, the statistics, and a new household (durable) in a
-- hundred (writes at about a tenth of the desk's reads; the database grows a little all along).
-- Every answer must be 2xx; wrk counts anything else as a status error (scripts/soak.sh).
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup

local grid = os.getenv("HEJIA_SOAK_GRID") or ""
local counter = 0

function init(args)
  counter = (thread_id or 0) * 100000000
end

function request()
  counter = counter + 1
  local k = counter % 10
  local page = counter % 40 + 1
  if counter % 100 == 0 then
    local body = string.format('{"grid_code":"%s","head_name":"浸泡%d","address_detail":"金城路 %d 号"}',
      grid, counter, counter)
    return wrk.format("POST", "/api/v1/households",
      common.headers({ ["Content-Type"] = "application/json", ["X-CSRF-Token"] = common.csrf }), body)
  elseif k < 4 then
    return wrk.format("GET", "/api/v1/households?page=" .. page .. "&page_size=25", common.headers())
  elseif k < 6 then
    return wrk.format("GET", "/api/v1/cases?page=" .. (page % 5 + 1) .. "&page_size=25", common.headers())
  elseif k < 8 then
    return wrk.format("GET", "/api/v1/people?q=%E7%8E%8B&page=" .. (page % 10 + 1) .. "&page_size=25",
      common.headers())
  else
    return wrk.format("GET", "/api/v1/stats/cases", common.headers())
  end
end

done = common.done
