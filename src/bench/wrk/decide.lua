-- Approves pending comments through the API, each once: the ids come from a file of "id version"
-- lines, and thread k of n takes lines k, k+n, k+2n... (wrk runs one Lua state per thread). Each
-- run (BENCH_PHASE 0-15: warm-up slices, the measured run) takes its own sixteenth of a thread's
-- lines: a repeated decision is a no-op the service answers cheaply, and must not be measured.
--
--   BENCH_PHASE=<0-15> wrk ... -s decide.lua <base url> -- <ids file> <threads> <bearer token>
-- run.sh prepends statuses.lua.
local ids, versions = {}, {}
local next_line, last_line, stride, token = 1, 0, 1, ""
local phase = tonumber(os.getenv("BENCH_PHASE") or "0")

function init(args)
  stride = tonumber(args[2])
  token = args[3]
  local line_no = 0
  for line in io.lines(args[1]) do
    line_no = line_no + 1
    if (line_no - 1) % stride == thread_id then
      local id, version = line:match("(%d+)%s+(%d+)")
      table.insert(ids, id)
      table.insert(versions, version)
    end
  end
  local share = math.floor(#ids / 16)
  next_line = phase * share + 1
  last_line = next_line + share - 1
end

function request()
  local i = next_line
  next_line = next_line + 1
  if i > last_line then
    error("decide.lua ran out of pending comments for phase " .. phase .. "; give it more ids")
  end
  return wrk.format("POST", wrk.path .. ids[i] .. "/decision",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token, ["If-Match"] = '"' .. versions[i] .. '"' },
    '{"action":"APPROVE"}')
end
