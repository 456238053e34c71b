-- JSON submissions, every one distinct and valid: its own reader (email, and IP address through
-- X-Forwarded-For from the trusted local proxy), its own ≈600-byte text, one of 50 articles. So
-- the flood, rate, duplicate and content rules all run and all let it through, as for a real crowd.
--
--   BENCH_PHASE=<0-15> wrk ... -s submit.lua <base url>/api/v1/articles/
-- (run.sh's warm-up slices and its measured run each have their own phase: they never share a reader.)
-- BENCH_CUTOFF (epoch seconds): no new submission after it. wrk runs a little longer, so that it
-- stops with none in flight and every submission the service stored got its answer counted.
-- run.sh prepends statuses.lua.

local run = tonumber(os.getenv("BENCH_PHASE") or "0")
local sent = 0
local filler = string.rep("The council voted on the new cycle lanes last night and I think the plan is sound. ", 7)

local cutoff = tonumber(os.getenv("BENCH_CUTOFF") or "0")

function delay()
  if cutoff > 0 and os.time() >= cutoff then
    return 3600000
  end
  return 0
end

function request()
  sent = sent + 1
  -- 2^19 readers per thread and run (two threads, sixteen runs), each address and email used once across them.
  local reader = (((run * 2) + thread_id) * 524288) + sent
  local ip = string.format("10.%d.%d.%d", math.floor(reader / 65536) % 256, math.floor(reader / 256) % 256, reader % 256)
  local body = string.format(
    '{"authorName":"Reader %d","authorEmail":"reader%d@example.com","authorUrl":"https://example.com/r%d",' ..
    '"content":"Comment %d: %s"}', reader, reader, reader, reader, filler:sub(1, 580))
  return wrk.format("POST", wrk.path .. "news-" .. (reader % 50) .. "/comments",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = ip }, body)
end
