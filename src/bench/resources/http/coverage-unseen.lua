-- coverage: the body of coverage.json with a random amount per item
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
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
