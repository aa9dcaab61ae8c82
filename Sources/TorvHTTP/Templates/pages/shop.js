// Progressive enhancement only: every page works without this file.
// Turns <time class="countdown" datetime="…"> into a live "2 d 03:04:05" count; the server's date stays
// in the element's title so nothing is lost.
(function () {
  "use strict";
  var clocks = document.querySelectorAll("time.countdown[datetime]");
  if (!clocks.length) { return; }
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function tick() {
    var now = Date.now();
    clocks.forEach(function (el) {
      var end = Date.parse(el.getAttribute("datetime"));
      if (isNaN(end)) { return; }
      if (!el.title) { el.title = el.textContent; }
      var left = Math.max(0, Math.floor((end - now) / 1000));
      var days = Math.floor(left / 86400);
      var rest = left % 86400;
      var text = pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor(rest % 3600 / 60)) + ":" + pad(rest % 60);
      el.textContent = (days > 0 ? days + " d " : "") + text;
    });
  }
  tick();
  window.setInterval(tick, 1000);
}());

// Live counts ("n left", participants): elements with data-live-count name the public API resource and
// data-live-field the number in it. Polled every 10 s while the page is visible; the server-rendered
// number stays if a request fails.
(function () {
  "use strict";
  var counters = document.querySelectorAll("[data-live-count][data-live-field]");
  if (!counters.length || !window.fetch) { return; }
  function refresh() {
    if (document.hidden) { return; }
    counters.forEach(function (el) {
      fetch(el.getAttribute("data-live-count"), { headers: { "Accept": "application/json" }, credentials: "omit" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) {
          var value = body && body[el.getAttribute("data-live-field")];
          if (typeof value === "number") { el.textContent = String(value); }
        })
        .catch(function () {});
    });
  }
  window.setInterval(refresh, 10000);
}());
