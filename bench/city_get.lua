-- GET of the URL's path with the session of HEJIA_BENCH_CITY_COOKIE: one request of a whole-city
-- page — the coverage page (3,024 grids and their sisters) as the city's federation staff, the
-- cockpit (every figure of the reporting year, one level down and by month) as the leader.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup
done = common.done

local req

function init(args)
  req = wrk.format("GET", wrk.path,
    { ["Cookie"] = "hejia_session=" .. (os.getenv("HEJIA_BENCH_CITY_COOKIE") or "") })
end

function request()
  return req
end
