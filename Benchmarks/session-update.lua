-- wrk script for `make bench`: PUT /v2/customer_sessions/{id} against `talon serve` with the
-- demo pack's API key and a 10-item cart (the cart of talon-bench-engine), over 200 sessions
-- of 200 profiles so that requests update existing sessions, as a shop's checkout does.
-- The 200 requests are formatted once, when the script loads, and sent in turn: formatting
-- each request anew in Lua took about a third of wrk's CPU (23-25 us a request instead of
-- 15-18), CPU the server shares on 2 cores.
local sessions = 200
local counter = 0

local items = {}
for index = 0, 9 do
  local category = "accessories"
  if index % 3 == 0 then category = "shoes" end
  items[#items + 1] = string.format(
    '{"name":"Item %d","sku":"SKU-%d","quantity":%d,"price":%d.99,"category":"%s"}',
    index, index, 1 + index % 3, 10 + index * 5, category)
end
local template = '{"customerSession":{"profileId":"customer-%d","couponCodes":["SUMMER10"],'
  .. '"cartItems":[' .. table.concat(items, ",") .. ']}}'

local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "ApiKey-v1 demo-shop-api-key",
}

local requests = {}
for session = 0, sessions - 1 do
  requests[session] = wrk.format("PUT", "/v2/customer_sessions/bench-" .. session, headers,
    string.format(template, session))
end

request = function()
  counter = counter + 1
  return requests[counter % sessions]
end
