-- rectification: the body of rectifications-status.json with random issue dates (from 2021, when the rule sets start), periods and
-- completion dates (the days past due are a model input). A few thousand keys: after the warm-up the memo holds most of them
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
local Y2021 = 1609502400 -- 2021-01-01 12:00 UTC
request = function()
  local issued = math.random(0, 1400)
  return wrk.format(nil, nil, nil, '{"asOf": "2025-12-01", "findings": [{"findingId": "ZG-1", "projectId": "P-9", '
    .. '"unit": "县卫健局", "source": "MONITORING", "issuedOn": "' .. day(Y2021, 1793) .. '", "periodDays": '
    .. math.random(1, 90) .. ', "dueDate": null, "completedOn": null, "effective": null, "recurringProject": true}, '
    .. '{"findingId": "ZG-2", "projectId": "P-12", "unit": "县教育局", "source": "SELF_EVALUATION_REVIEW", "issuedOn": "'
    .. os.date("!%Y-%m-%d", Y2021 + issued * DAY) .. '", "completedOn": "'
    .. os.date("!%Y-%m-%d", Y2021 + (issued + math.random(0, 300)) * DAY) .. '", "effective": true, "recurringProject": false}]}')
end
