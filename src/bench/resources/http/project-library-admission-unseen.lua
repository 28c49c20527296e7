-- admission: the body of project-library-admission.json with a random amount (a model input) per call
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
  return wrk.format(nil, nil, nil, '{"projectId": "P-2025-001", "amount": ' .. money(0, 99999999)
    .. ', "newProject": true, "exAnteReportSubmitted": false}')
end
