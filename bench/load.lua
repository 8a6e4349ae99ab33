-- wrk script of bench/load.sh: a team of social workers at work, each
-- request from one of them at random, on her own dossiers. Per request:
-- 45% caseload, 30% a dossier page, 24% a new contact on a dossier of
-- hers, 1% a new dossier. Why 1%: at 500 requests/s that is still five new
-- families a second, a real team's month every minute; with 5% (the first
-- version) each worker's caseload grew by thousands of running dossiers in
-- ten minutes, and the benchmark measured an impossible caseload instead
-- of the server. Settings from the environment:
-- OPKOMST_SESSIONS: one line per worker, "cookie csrf D1,D2,..." (her
-- session cookie, her form token and ids of her running dossiers);
-- OPKOMST_DATE (a past date for the forms).
local date = os.getenv("OPKOMST_DATE")
local workers = {}
for line in string.gmatch(os.getenv("OPKOMST_SESSIONS"), "[^\n]+") do
  local cookie, csrf, ids = string.match(line, "^(%S+) (%S+) (%S+)$")
  local dossiers = {}
  for id in string.gmatch(ids, "[^,]+") do
    dossiers[#dossiers + 1] = id
  end
  workers[#workers + 1] = {
    csrf = csrf,
    dossiers = dossiers,
    page = { ["Cookie"] = cookie },
    form = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie },
  }
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local worker = workers[math.random(#workers)]
  local dice = math.random(100)
  local dossier = worker.dossiers[math.random(#worker.dossiers)]
  if dice <= 45 then
    return wrk.format("GET", "/caseload", worker.page)
  elseif dice <= 75 then
    return wrk.format("GET", "/dossiers/" .. dossier, worker.page)
  elseif dice <= 99 then
    return wrk.format("POST", "/dossiers/" .. dossier .. "/contacten", worker.form,
      "csrf=" .. worker.csrf .. "&contact_date=" .. date .. "&kind=telefoon&note=belasting")
  end
  return wrk.format("POST", "/dossiers/nieuw", worker.form,
    "csrf=" .. worker.csrf .. "&traject=opkomst&start_date=" .. date)
end

-- Statuses per code, printed at the end ("status 303: 1234"), so that the
-- errors wrk counts can be told apart.
local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

statuses = {}
first_failure = ""  -- the start of the first 5xx answer's body, to tell the causes apart
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 500 and first_failure == "" then
    first_failure = string.sub(string.gsub(body, "%s+", " "), 1, 300)
  end
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
  for _, thread in ipairs(threads) do
    local failure = thread:get("first_failure")
    if failure ~= "" then io.write("status first 5xx body: " .. failure .. "\n") end
  end
end
