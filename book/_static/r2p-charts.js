// r2pkit's static site: each chart is stored in the page as a picture (an SVG drawn when the
// site was built, with its title and description) and as its Vega-Lite spec. When the page
// loads, Vega (r2p-vega.js, bundled into the site from vl-convert-python: nothing is fetched
// from the network) draws the chart again in place, so its tooltips work; if it cannot,
// the picture stays. tools/build_book.py writes both files' places into every page.
(function () {
  "use strict";
  function draw(figure) {
    var specNode = figure.querySelector("script.r2p-chart-spec");
    var live = figure.querySelector(".r2p-chart-live");
    var still = figure.querySelector(".r2p-chart-static");
    if (!specNode || !live || !still || typeof window.vegaEmbed !== "function") return;
    var spec, options;
    try {
      spec = JSON.parse(specNode.textContent);
      options = JSON.parse(figure.getAttribute("data-embed-options") || "{}");
    } catch (err) {
      console.warn("r2pkit: a chart's spec could not be read; its picture stays.", err);
      return;
    }
    window.vegaEmbed(live, spec, options).then(function () {
      live.hidden = false;
      still.hidden = true;  // hidden, so a screen reader meets the chart once
      figure.classList.add("r2p-chart-drawn");
    }).catch(function (err) {
      console.warn("r2pkit: Vega could not draw a chart; its picture stays.", err);
    });
  }
  function drawAll() {
    var figures = document.querySelectorAll("figure.r2p-chart");
    for (var i = 0; i < figures.length; i++) draw(figures[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
