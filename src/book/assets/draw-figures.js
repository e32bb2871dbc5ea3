document.querySelectorAll("div.plot").forEach(function (el) {
  var spec = JSON.parse(document.getElementById(el.id.replace("plot-", "spec-")).textContent);
  var layout = spec.layout || {};
  // A Sankey has no axis labels to keep apart: it fits the column instead of scrolling sideways
  // (other figures keep their size and scroll inside their box: squeezed, their labels collide).
  var flows = (spec.data || []).some(function (t) { return t.type === "sankey"; });
  if (flows && layout.width > el.clientWidth) layout = Object.assign({}, layout, { width: el.clientWidth });
  if (window.Plotly) Plotly.newPlot(el, spec.data, layout, spec.config || {});
  else el.textContent = "plotly.js was not found next to this page.";
});
