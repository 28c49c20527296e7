-- budget adjustments: the body of budget-adjustments.json with a random budget per project and random public funds per department
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
  return wrk.format(nil, nil, nil, '{"budgetYear": 2025, "projects": [{"projectId": "P-1", "budget": ' .. money(1, 99999999)
    .. ', "hasTargets": true, "targetDimensions": ["QUANTITY", "QUALITY", "TIMELINESS", "EFFECT"], "selfEvaluatedLastYear": true, '
    .. '"evaluationGrade": "FAIR", "rectificationDone": true}, {"projectId": "P-2", "budget": ' .. money(1, 99999999)
    .. ', "hasTargets": true, "targetDimensions": ["QUANTITY", "QUALITY", "TIMELINESS", "EFFECT"], "selfEvaluatedLastYear": true, '
    .. '"evaluationGrade": "POOR", "rectificationDone": false}, {"projectId": "P-3", "budget": ' .. money(1, 99999999)
    .. ', "hasTargets": true, "targetDimensions": ["QUANTITY", "QUALITY", "EFFECT"], "selfEvaluatedLastYear": true, '
    .. '"evaluationGrade": "EXCELLENT", "rectificationDone": true}], "departments": [{"departmentId": "D-1", '
    .. '"overallGrade": "FAIR", "publicFunds": ' .. money(1, 99999999) .. '}, {"departmentId": "D-2", "overallGrade": "GOOD", '
    .. '"publicFunds": ' .. money(1, 99999999) .. '}]}')
end
