-- coverage: the body of coverage.json with a random amount per item
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
  return wrk.format(nil, nil, nil, '{"year": 2023, "items": [{"id": "XY-0001", "unit": "县教育局", "kind": "PROJECT", '
    .. '"projectClass": "SPECIFIC_PURPOSE", "budgetType": "GENERAL_PUBLIC", "amount": ' .. money(0, 99999999)
    .. ', "hasTargets": true, "monitoringAssigned": true, "monitoringFiled": true, "selfEvaluated": false, "keyEvaluated": false}, '
    .. '{"id": "XY-0002", "unit": "县教育局", "kind": "PROJECT", "projectClass": "OPERATING", "budgetType": "GOVERNMENT_FUND", '
    .. '"amount": ' .. money(0, 99999999) .. ', "hasTargets": true, "monitoringAssigned": true, "monitoringFiled": false, '
    .. '"selfEvaluated": true, "keyEvaluated": false}, {"id": "XY-D-01", "unit": "县卫健局", "kind": "DEPARTMENT_OVERALL", '
    .. '"budgetType": "GENERAL_PUBLIC", "amount": ' .. money(0, 99999999) .. ', "hasTargets": true, "monitoringAssigned": false, '
    .. '"monitoringFiled": false, "selfEvaluated": true, "keyEvaluated": true}]}')
end
