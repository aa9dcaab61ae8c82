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
