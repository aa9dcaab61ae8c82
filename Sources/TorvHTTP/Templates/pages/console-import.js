// The console's CSV import, enhanced: a chosen file is read into the text area here in the browser (the
// server takes the pasted text only, so the page works without this script), and while the server works
// the form says so. The bar has no value on purpose: the server reports no progress, so none is faked.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form) return;
  var picker = document.getElementById("file-pick");
  var file = document.getElementById("import-file");
  var csv = document.getElementById("import-csv");
  var bar = document.getElementById("import-progress-bar");
  var status = document.getElementById("import-progress-text");

  if (picker && file && csv && window.FileReader) {
    picker.hidden = false;
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) return;
      var reader = new FileReader();
      reader.onload = function () {
        csv.value = reader.result;
        status.textContent = chosen.name + " is ready: check it or import it.";
      };
      reader.onerror = function () {
        status.textContent = chosen.name + " could not be read. Open it and paste its contents instead.";
      };
      reader.readAsText(chosen);
    });
  }

  var busy = false;
  form.addEventListener("submit", function (event) {
    // One import at a time: a second click would only queue the same work behind the first.
    if (busy) {
      event.preventDefault();
      return;
    }
    busy = true;
    var importing = event.submitter && event.submitter.value === "import";
    bar.hidden = false;
    status.textContent = importing ? "Importing… this can take a minute" : "Checking… this can take a minute";
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

  var outcome = document.querySelector(".import-outcome");
  if (outcome) outcome.focus();
})();
