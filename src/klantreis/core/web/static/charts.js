// Draws every chart whose figure the page carries as JSON (the pages allow no inline script).
document.querySelectorAll("script.chart-data").forEach(function (node) {
  var figure = JSON.parse(node.textContent);
  var target = document.createElement("div");
  target.className = "chart";
  node.parentNode.insertBefore(target, node.nextSibling);
  Plotly.newPlot(target, figure.data, figure.layout, { responsive: true });
});
