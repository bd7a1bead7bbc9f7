// Timeline: stacked bars of events per day/week/month by event type, drawn as SVG by hand.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var box = document.getElementById("timeline");
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function draw(data) {
    document.getElementById("timeline-bucket").textContent = "per " + data.bucket +
      (data.undated ? " · " + data.undated + " undated not shown" : "");
    var series = data.series;
    if (!series.length) { box.textContent = "No dated events."; box.setAttribute("data-bars", "0"); return; }
    var width = Math.max(box.clientWidth || 800, 300), height = 180, left = 34, bottom = 22, top = 8;
    var max = 1;
    series.forEach(function (s) {
      var total = 0; Object.keys(s.counts).forEach(function (k) { total += s.counts[k]; });
      s.total = total; if (total > max) { max = total; }
    });
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "events per " + data.bucket });
    var barWidth = (width - left - 4) / series.length;
    var scale = (height - bottom - top) / max;
    svg.appendChild(el("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#999" }));
    var maxLabel = el("text", { x: 2, y: top + 10, "font-size": 10, fill: "#666" }); maxLabel.textContent = String(max);
    svg.appendChild(maxLabel);
    var bars = 0;
    series.forEach(function (s, i) {
      var y = height - bottom;
      data.types.forEach(function (t) {
        var n = s.counts[t] || 0;
        if (!n) { return; }
        var h = n * scale;
        var rect = el("rect", { x: left + i * barWidth + 0.5, y: y - h, width: Math.max(barWidth - 1, 1), height: h,
          fill: eventledgerColour(t), "class": "bar" });
        var title = el("title", {}); title.textContent = s.start + ": " + n + " " + t; rect.appendChild(title);
        svg.appendChild(rect); y -= h; bars += 1;
      });
    });
    var step = Math.max(1, Math.ceil(series.length / 8));
    for (var i = 0; i < series.length; i += step) {
      var label = el("text", { x: left + i * barWidth, y: height - 6, "font-size": 10, fill: "#555" });
      label.textContent = series[i].start; svg.appendChild(label);
    }
    box.textContent = ""; box.appendChild(svg); box.setAttribute("data-bars", String(bars));
  }
  fetch(config.timeline, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(draw)
    .catch(function () { box.textContent = "The timeline could not be loaded."; box.setAttribute("data-bars", "error"); });
})();
