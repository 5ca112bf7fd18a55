// The dyad page's chart: interactions per month by PLOVER quad class (chart.js, stacked bars).
(function () {
  "use strict";
  var canvas = document.getElementById("dyad-chart");
  var source = document.getElementById("dyad-data");
  if (!canvas || !source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var COLOURS = ["#2f8f5b", "#7bc47f", "#f0b429", "#d64545"];
  new Chart(canvas, {
    type: "bar",
    data: {labels: data.months, datasets: data.series.map(function (s, i) {
      return {label: s.quad, data: s.counts, backgroundColor: COLOURS[i % COLOURS.length]};
    })},
    options: {responsive: true, maintainAspectRatio: false, animation: false,
              scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}}}
  });
  canvas.setAttribute("data-ready", "1");
})();
