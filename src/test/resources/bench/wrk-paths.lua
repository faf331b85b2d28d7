-- wrk script of the benchmarks (Wrk.runPaths): requests the paths of a file in turn, one per line and already
-- URL-encoded, each wrk thread starting at its own offset so that no two threads ask the same path at about the same
-- time; and counts the 200 answers whose body lacks a marker, so that a fast empty page cannot pass for a result.
-- Arguments: <paths file> <marker> <number of wrk threads>.

local threads = {}
local started = 0

function setup(thread)
   thread:set("offset_index", started)
   started = started + 1
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      paths[#paths + 1] = line
   end
   marker = args[2]
   at = math.floor(#paths * offset_index / tonumber(args[3]))
   unmarked = 0
end

function request()
   at = at + 1
   return wrk.format("GET", paths[(at % #paths) + 1])
end

function response(status, headers, body)
   if status == 200 and not string.find(body, marker, 1, true) then
      unmarked = unmarked + 1
   end
end

function done(summary, latency, requests)
   local total = 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("unmarked")
   end
   io.write(string.format("Answers without the marker: %d\n", total))
end
