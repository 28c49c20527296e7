-- monitoring of one project whose amounts were never seen before (the memo of answers misses on every call)
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
request = function()
  local executed = money(0, 999999)
  local actual = math.random(0, 200)
  return wrk.format(nil, nil, nil, '{"asOf": "2023-10-31", "projects": [{"projectId": "XY-2023-0001", '
    .. '"projectName": "农村道路养护", "department": "县交通运输局", "budget": 1000000.00, "executed": ' .. executed
    .. ', "directFunds": false, "implementationConditionsMet": true, "forecastYearEndExecuted": null, "targets": '
    .. '[{"name": "养护里程（公里）", "direction": "AT_LEAST", "expected": 100, "actual": ' .. actual .. '}]}]}')
end
