-- The minimal static response of the same server: GET /healthz, no session, no database.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

wrk.method = "GET"
wrk.path = "/healthz"

done = common.done
