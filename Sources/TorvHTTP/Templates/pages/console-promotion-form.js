// The promotion form, enhanced: only the chosen action kind's fieldset is shown. Without this script every
// kind's fieldset is shown and the server reads only the chosen kind's fields, so nothing depends on it.
(function () {
  "use strict";
  var kind = document.getElementById("rule-action-kind");
  if (!kind) return;
  var sets = document.querySelectorAll("fieldset[data-action-kind]");
  function show() {
    for (var i = 0; i < sets.length; i++) {
      sets[i].hidden = sets[i].getAttribute("data-action-kind") !== kind.value;
    }
  }
  kind.addEventListener("change", show);
  show();
})();
