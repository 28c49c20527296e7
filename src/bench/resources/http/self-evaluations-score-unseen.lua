-- self-evaluation of one form: the body of self-evaluations-score.json with random amounts executed and random actual values (model inputs)
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
  return wrk.format(nil, nil, nil, '{"projectId": "XY-2023-0001", "annualBudget": 1000000.0, "executed": ' .. money(0, 999999)
    .. ', "executionDeviationReason": null, "indicators": [{"name": "完成道路硬化里程（公里）", "category": "OUTPUT", "weight": 50, '
    .. '"type": "QUANTITATIVE", "direction": "AT_LEAST", "target": 100, "actual": ' .. money(0, 199) .. ', "deviationReason": "雨季延误施工"}, '
    .. '{"name": "群众出行条件改善", "category": "BENEFIT", "weight": 30, "type": "QUALITATIVE", "achievement": "ACHIEVED", '
    .. '"assessedScore": 27}, {"name": "群众满意度（%）", "category": "SATISFACTION", "weight": 10, "type": "QUANTITATIVE", '
    .. '"direction": "AT_LEAST", "target": 90, "actual": ' .. money(0, 99) .. '}], "reportedTotalScore": 91.5, "reportedGrade": "EXCELLENT"}')
end
