// Progressive enhancement only: every page works without this file.
// Clicking anywhere on an event row opens the event.
document.addEventListener("click", function (e) {
  if (e.target.closest("a, button, input, select, label")) return;
  var row = e.target.closest("tr[data-href]");
  if (row) window.location.href = row.getAttribute("data-href");
});
