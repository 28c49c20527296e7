-- self-evaluation of one form: the body of self-evaluations-score.json with random amounts executed and random actual values (model inputs)
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
request = function()
  return wrk.format(nil, nil, nil, '{"projectId": "XY-2023-0001", "annualBudget": 1000000.0, "executed": ' .. money(0, 999999)
    .. ', "executionDeviationReason": null, "indicators": [{"name": "完成道路硬化里程（公里）", "category": "OUTPUT", "weight": 50, '
    .. '"type": "QUANTITATIVE", "direction": "AT_LEAST", "target": 100, "actual": ' .. money(0, 199) .. ', "deviationReason": "雨季延误施工"}, '
    .. '{"name": "群众出行条件改善", "category": "BENEFIT", "weight": 30, "type": "QUALITATIVE", "achievement": "ACHIEVED", '
    .. '"assessedScore": 27}, {"name": "群众满意度（%）", "category": "SATISFACTION", "weight": 10, "type": "QUANTITATIVE", '
    .. '"direction": "AT_LEAST", "target": 90, "actual": ' .. money(0, 99) .. '}], "reportedTotalScore": 91.5, "reportedGrade": "EXCELLENT"}')
end
