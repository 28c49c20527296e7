-- admission: the body of project-library-admission.json with a random amount (a model input) per call
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
request = function()
  return wrk.format(nil, nil, nil, '{"projectId": "P-2025-001", "amount": ' .. money(0, 99999999)
    .. ', "newProject": true, "exAnteReportSubmitted": false}')
end
