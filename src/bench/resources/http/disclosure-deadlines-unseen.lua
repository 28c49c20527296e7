-- disclosure: the body of disclosure-deadlines.json with random trigger dates (a model input): D1 under the rule set in force
-- from 2021 (to the day before asOf), D2 under the one of 2015-2020, as in the repeated body. Every valid date is only a few
-- thousand keys: after the warm-up the memo holds them all (this measures varied inputs, not misses)
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
local Y2015, Y2021 = 1420113600, 1609502400 -- 2015-01-01 and 2021-01-01, 12:00 UTC
request = function()
  return wrk.format(nil, nil, nil, '{"asOf": "2025-10-10", "items": [{"itemId": "D1", "kind": "BUDGET_TARGETS_PUBLICATION", '
    .. '"triggerDate": "' .. day(Y2021, 1742) .. '", "classified": false, "completedOn": null}, {"itemId": "D2", '
    .. '"kind": "SELF_EVALUATION_PUBLICATION", "triggerDate": "' .. day(Y2015, 2191) .. '", "classified": false}]}')
end
