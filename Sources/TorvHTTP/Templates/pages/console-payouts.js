// The console's payout run form, enhanced: while the server starts the run (and waits a few seconds, in
// which a small run finishes) the form says so, and a second click does not start a second run. The bar
// has no value here on purpose: the run's own page shows how far it has got, counted by the server.
(function () {
  "use strict";
  var form = document.getElementById("payout-form");
  if (!form) return;
  var bar = document.getElementById("payout-progress-bar");
  var status = document.getElementById("payout-progress-text");
  var busy = false;
  form.addEventListener("submit", function (event) {
    if (busy) {
      event.preventDefault();
      return;
    }
    busy = true;
    bar.hidden = false;
    status.textContent = "Starting the payout run…";
    form.setAttribute("aria-busy", "true");
  });
  // Coming back to the page from the browser's history must not leave it looking busy.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    busy = false;
    bar.hidden = true;
    status.textContent = "";
    form.removeAttribute("aria-busy");
  });
})();
