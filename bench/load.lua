-- wrk script of bench/load.sh: a signed-in social worker's mixed work.
-- Per request: 45% caseload, 30% a dossier page, 20% a new contact on a
-- random dossier of hers, 5% a new dossier. Settings from the environment:
-- OPKOMST_COOKIE, OPKOMST_CSRF, OPKOMST_DOSSIERS (comma-separated ids),
-- OPKOMST_DATE (a past date for the forms).
local cookie = os.getenv("OPKOMST_COOKIE")
local csrf = os.getenv("OPKOMST_CSRF")
local date = os.getenv("OPKOMST_DATE")
local dossiers = {}
for id in string.gmatch(os.getenv("OPKOMST_DOSSIERS"), "[^,]+") do
  dossiers[#dossiers + 1] = id
end

local form = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }
local page = { ["Cookie"] = cookie }

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local dice = math.random(100)
  local dossier = dossiers[math.random(#dossiers)]
  if dice <= 45 then
    return wrk.format("GET", "/caseload", page)
  elseif dice <= 75 then
    return wrk.format("GET", "/dossiers/" .. dossier, page)
  elseif dice <= 95 then
    return wrk.format("POST", "/dossiers/" .. dossier .. "/contacten", form,
      "csrf=" .. csrf .. "&contact_date=" .. date .. "&kind=telefoon&note=belasting")
  end
  return wrk.format("POST", "/dossiers/nieuw", form, "csrf=" .. csrf .. "&traject=opkomst&start_date=" .. date)
end

-- Statuses per code, printed at the end ("status 303: 1234"), so that the
-- errors wrk counts can be told apart.
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  for status, count in pairs(total) do
    io.write(string.format("status %d: %d\n", status, count))
  end
end
