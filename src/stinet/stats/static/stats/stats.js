/* Draws each table's chart with the vendored Chart.js (static/stats/vendor/chartjs); the table
   beside it stays the accessible truth, the chart is hidden from screen readers. */
(function () {
  "use strict";
  var PALETTE = ["#0b5c8a", "#e07b39", "#3a9d5d", "#c8463d", "#7b5ea7", "#c9a227", "#3b9fb5", "#8c6d4f",
                 "#d16ba5", "#5b6675"];
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function draw(figure) {
    var source = figure.querySelector("script[type='application/json']");
    var canvas = figure.querySelector("canvas");
    if (!source || !canvas || !window.Chart) { return; }
    var spec = JSON.parse(source.textContent);
    var round = spec.kind === "doughnut";
    var datasets = spec.datasets.map(function (d, i) {
      var colour = PALETTE[i % PALETTE.length];
      return {
        label: d.label, data: d.data, borderWidth: round ? 1 : 2,
        backgroundColor: round ? spec.labels.map(function (_l, j) { return PALETTE[j % PALETTE.length]; }) : colour,
        borderColor: round ? "#fff" : colour, fill: false, tension: 0.2, maxBarThickness: 48
      };
    });
    var labelTicks = { autoSkip: !spec.horizontal, maxRotation: 0, callback: function (value) {
      var text = String(this.getLabelForValue(value));
      return text.length > 22 ? text.slice(0, 21) + "…" : text;
    } };
    var valueTicks = { precision: 0 };
    var scales = round ? {} : {
      x: { stacked: spec.stacked, beginAtZero: true, ticks: spec.horizontal ? valueTicks : labelTicks },
      y: { stacked: spec.stacked, beginAtZero: true, ticks: spec.horizontal ? labelTicks : valueTicks }
    };
    new window.Chart(canvas, {
      type: spec.kind,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: reduced ? false : undefined,
        locale: document.documentElement.lang || "vi",  // 1.000 beside the Vietnamese tables, not 1,000
        indexAxis: spec.horizontal ? "y" : "x", scales: scales,
        plugins: { legend: { display: round || datasets.length > 1, position: "bottom" } }
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".stat-chart"), draw);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
