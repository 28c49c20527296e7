-- What every *-unseen.lua script shares (run.sh runs wrk from the repository root, so the scripts load this with
-- dofile): a POST of JSON, each wrk thread seeded differently, and the random values the scripts put in their bodies.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(seed * 7919 + os.time()) end
-- an amount of money in yuan with two decimals, lo to hi yuan
function money(lo, hi) return string.format("%d.%02d", math.random(lo, hi), math.random(0, 99)) end
-- a score of 0.00 to 100.00 with two decimals
function score() local n = math.random(0, 10000); return string.format("%d.%02d", math.floor(n / 100), n % 100) end
DAY, Y2000 = 86400, 946728000 -- seconds in a day; 2000-01-01 12:00 UTC
-- an ISO date from 0 to span days after the time from (seconds since 1970, UTC)
function day(from, span) return os.date("!%Y-%m-%d", from + math.random(0, span) * DAY) end
