-- grading (POST /api/v1/grading/evaluation): a random score with two decimals per call (10,001 values: after the warm-up the memo holds them all)
dofile("src/bench/resources/http/random-inputs.lua") -- POST JSON, seeded per thread; money(), score(), day(), DAY, Y2000
request = function()
  return wrk.format(nil, nil, nil, '{"score": ' .. score() .. '}')
end
