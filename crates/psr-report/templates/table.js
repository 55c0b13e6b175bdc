// Filtering and sorting the findings table. Written for old browsers too (no modules, no
// network): the page must work opened from a shared drive or an e-mail attachment.
(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var status = document.getElementById("findings-shown");
  var controls = {
    code: document.getElementById("filter-code"),
    severity: document.getElementById("filter-severity"),
    authority: document.getElementById("filter-authority"),
    file: document.getElementById("filter-file"),
    text: document.getElementById("filter-text")
  };
  function apply() {
    var shown = 0;
    var words = controls.text.value.toLowerCase();
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!controls.code.value || d.code === controls.code.value) &&
        (!controls.severity.value || d.severity === controls.severity.value) &&
        (!controls.authority.value || d.authority === controls.authority.value) &&
        (!controls.file.value || d.file === controls.file.value) &&
        (!words || row.textContent.toLowerCase().indexOf(words) !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    status.textContent = "Showing " + shown + " of " + rows.length + " findings.";
  }
  Object.keys(controls).forEach(function (k) {
    controls[k].addEventListener(k === "text" ? "input" : "change", apply);
  });
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, column) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (h) { if (h.querySelector("button")) { h.setAttribute("aria-sort", "none"); } });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute("data-sort") || a.cells[column].textContent;
        var y = b.cells[column].getAttribute("data-sort") || b.cells[column].textContent;
        var c = x.localeCompare(y, undefined, { numeric: true });
        return ascending ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  apply();
}());
