// Overview map: markers coloured by event type, sized by fatalities, clustered when dense.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var element = document.getElementById("map");
  var status = document.getElementById("map-status");
  var map = window.eventledgerBaseMap(element, config);

  function radius(fatalities) {
    return fatalities ? Math.min(22, 5 + 3 * Math.sqrt(fatalities)) : 5;
  }
  function text(value) { return document.createTextNode(value == null ? "" : String(value)); }
  function popup(p) {
    // Built from DOM nodes (never innerHTML): names and places are shown as text, not markup.
    var box = document.createElement("div"); box.className = "map-popup";
    var badge = document.createElement("span"); badge.className = "badge"; badge.style.background = eventledgerColour(p[3]);
    badge.appendChild(text(p[3])); box.appendChild(badge); box.appendChild(document.createElement("br"));
    box.appendChild(text(p[4] + " · " + (p[6] || "undated") + " · " + (p[7] || "")));
    box.appendChild(document.createElement("br"));
    box.appendChild(text("fatalities: " + (p[5] == null ? "—" : p[5]) + " · " + p[8]));
    box.appendChild(document.createElement("br"));
    var link = document.createElement("a"); link.href = "/events/" + encodeURIComponent(p[0]);
    link.appendChild(text("open event " + p[0])); box.appendChild(link);
    return box;
  }
  function legend(types) {
    var box = document.getElementById("legend");
    types.forEach(function (t) {
      var row = document.createElement("div");
      var dot = document.createElement("span"); dot.className = "swatch"; dot.style.background = eventledgerColour(t);
      row.appendChild(dot); row.appendChild(text(t)); box.appendChild(row);
    });
  }
  legend(window.eventledgerTypes);
  fetch(config.points, { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) { throw new Error("HTTP " + r.status); }
    return r.json();
  }).then(function (data) {
    var cluster = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40 });
    var bounds = [];
    data.points.forEach(function (p) {
      var marker = L.circleMarker([p[1], p[2]], {
        radius: radius(p[5]), color: "#222", weight: 1, fillColor: eventledgerColour(p[3]), fillOpacity: 0.85
      });
      marker.bindPopup(function () { return popup(p); });
      marker.eventId = p[0];
      cluster.addLayer(marker);
      bounds.push([p[1], p[2]]);
    });
    map.addLayer(cluster);
    if (bounds.length) { map.fitBounds(bounds, { maxZoom: 7, padding: [20, 20] }); }
    element.setAttribute("data-markers", String(data.points.length));
    status.textContent = data.points.length + " on the map" +
      (data.located > data.points.length ? " (newest " + data.points.length + " of " + data.located + ")" : "") + ".";
  }).catch(function (err) {
    element.setAttribute("data-markers", "error");
    status.textContent = "map data could not be loaded (" + (err && err.message ? err.message : String(err)) + ")";
  });
})();
