/* "In trang": a button that prints the page, shown only where JavaScript runs (without it, the
   browser's own Print command gives the same A4 page). */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
