-- rectification: the body of rectifications-status.json with random issue dates (from 2021, when the rule sets start), periods and
-- completion dates (the days past due are a model input). A few thousand keys: after the warm-up the memo holds most of them
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(seed * 7919 + os.time()) end
local function money(lo, hi) return string.format("%d.%02d", math.random(lo, hi), math.random(0, 99)) end
local function score() local n = math.random(0, 10000); return string.format("%d.%02d", math.floor(n / 100), n % 100) end
local DAY, Y2000 = 86400, 946728000 -- 2000-01-01 12:00 UTC
local Y2021 = 1609502400 -- 2021-01-01 12:00 UTC
local function day(from, span) return os.date("!%Y-%m-%d", from + math.random(0, span) * DAY) end
request = function()
  local issued = math.random(0, 1400)
  return wrk.format(nil, nil, nil, '{"asOf": "2025-12-01", "findings": [{"findingId": "ZG-1", "projectId": "P-9", '
    .. '"unit": "县卫健局", "source": "MONITORING", "issuedOn": "' .. day(Y2021, 1793) .. '", "periodDays": '
    .. math.random(1, 90) .. ', "dueDate": null, "completedOn": null, "effective": null, "recurringProject": true}, '
    .. '{"findingId": "ZG-2", "projectId": "P-12", "unit": "县教育局", "source": "SELF_EVALUATION_REVIEW", "issuedOn": "'
    .. os.date("!%Y-%m-%d", Y2021 + issued * DAY) .. '", "completedOn": "'
    .. os.date("!%Y-%m-%d", Y2021 + (issued + math.random(0, 300)) * DAY) .. '", "effective": true, "recurringProject": false}]}')
end
