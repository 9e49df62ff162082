-- GET /api/v1/coverage for the whole city (3,024 grids and their sisters among the volunteers)
-- as the city's federation staff (HEJIA_BENCH_CITY_COOKIE): the coverage page's one request.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup
done = common.done

local req

function init(args)
  req = wrk.format("GET", "/api/v1/coverage",
    { ["Cookie"] = "hejia_session=" .. (os.getenv("HEJIA_BENCH_CITY_COOKIE") or "") })
end

function request()
  return req
end
