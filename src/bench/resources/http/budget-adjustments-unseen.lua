-- budget adjustments: the body of budget-adjustments.json with a random budget per project and random public funds per department
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
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
