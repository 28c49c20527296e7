-- monitoring of one project whose amounts were never seen before (the memo of answers misses on every call)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(seed * 7919 + os.time()) end
local function money(lo, hi) return string.format("%d.%02d", math.random(lo, hi), math.random(0, 99)) end
local function score() local n = math.random(0, 10000); return string.format("%d.%02d", math.floor(n / 100), n % 100) end
local DAY, Y2000 = 86400, 946728000 -- 2000-01-01 12:00 UTC
local function day(from, span) return os.date("!%Y-%m-%d", from + math.random(0, span) * DAY) end
request = function()
  local executed = money(0, 999999)
  local actual = math.random(0, 200)
  return wrk.format(nil, nil, nil, '{"asOf": "2023-10-31", "projects": [{"projectId": "XY-2023-0001", '
    .. '"projectName": "农村道路养护", "department": "县交通运输局", "budget": 1000000.00, "executed": ' .. executed
    .. ', "directFunds": false, "implementationConditionsMet": true, "forecastYearEndExecuted": null, "targets": '
    .. '[{"name": "养护里程（公里）", "direction": "AT_LEAST", "expected": 100, "actual": ' .. actual .. '}]}]}')
end
