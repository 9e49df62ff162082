-- POST /api/v1/people (durable: answered after its group commit is on disk) with a different,
-- valid person each time: a unique ID number (region 330797, which the generated city never
-- uses, so no request is refused as a possible duplicate), phone and name, into the town's
-- households in turn. Every answer must be 201; anything else is counted and reported.
local common = dofile((os.getenv("HEJIA_BENCH_DIR") or "bench") .. "/common.lua")

setup = common.setup
common.count_bad(201)

local surnames = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡",
  "朱", "高", "林", "何", "郭", "马", "罗", "应", "程", "吕", "楼", "施", "章", "俞", "蒋", "潘", "陆" }
local given = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟",
  "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玲", "红", "文", "辉", "建", "雪",
  "梅", "琴", "云", "晨", "欣", "怡", "浩", "宇", "佳", "悦" }
local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checks = "10X98765432"

local households, headers, counter, base

local function id_card(first17)
  local sum = 0
  for k = 1, 17 do
    sum = sum + (first17:byte(k) - 48) * weights[k]
  end
  local c = sum % 11 + 1
  return first17 .. checks:sub(c, c)
end

function init(args)
  households = common.read_ids("household_ids.txt")
  headers = common.headers({ ["Content-Type"] = "application/json", ["X-CSRF-Token"] = common.csrf })
  counter = 0
  base = thread_id * 5000000
end

function request()
  local k = base + counter
  counter = counter + 1
  local d = math.floor(k / 1000)
  local year, month, day = 1960 + math.floor(d / 336) % 40, math.floor(d / 28) % 12 + 1, d % 28 + 1
  local seq = k % 1000 -- its last digit's parity is the gender: even = female
  local birth = string.format("%04d%02d%02d", year, month, day)
  local name = surnames[k % 30 + 1] .. given[math.floor(k / 30) % 40 + 1] ..
    given[math.floor(k / 1200) % 40 + 1]
  local body = string.format(
    '{"household_id":%d,"name":"%s","gender":"%s","birth_date":"%04d-%02d-%02d",' ..
    '"id_number":"%s","phone":"137%08d","address_detail":"永康市东城街道基准路%d号",' ..
    '"relation":"子女"}',
    households[k % #households + 1], name, seq % 2 == 0 and "female" or "male", year, month, day,
    id_card("330797" .. birth .. string.format("%03d", seq)), k % 100000000, k % 300 + 1)
  return wrk.format("POST", "/api/v1/people", headers, body)
end
