-- wrk script: each request takes the next path of bench/search-queries.txt;
-- with SEARCH_PAGES set, a random page 1..SEARCH_PAGES is appended so that
-- most requests miss the answer cache.
local paths = {}
for line in io.lines(os.getenv("SEARCH_QUERIES") or "bench/search-queries.txt") do
  if line ~= "" then paths[#paths + 1] = line end
end
local pages = tonumber(os.getenv("SEARCH_PAGES") or "0")
local i = 0

request = function()
  i = i % #paths + 1
  local path = paths[i]
  if pages > 0 and not path:find("page=") then
    local sep = path:find("?", 1, true) and "&" or "?"
    path = path .. sep .. "page=" .. math.random(1, pages) .. "&page_size=5"
  end
  return wrk.format("GET", path)
end
