// The offline base map: country outlines (Natural Earth via npm's world-atlas, served by us) and,
// only when the web_tile_url setting is given, a tile layer beneath them.
(function () {
  "use strict";
  window.eventledgerBaseMap = function (element, config) {
    var map = L.map(element, { worldCopyJump: true, preferCanvas: true, minZoom: 1, maxZoom: 18 }).setView([20, 40], 2);
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 18 }).addTo(map);
    }
    fetch(config.outlines, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        style: { color: "#7c8a99", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: config.tileUrl ? 0.1 : 1 },
        interactive: false
      }).addTo(map).bringToBack();
      element.setAttribute("data-outlines", "loaded");
    }).catch(function () { element.setAttribute("data-outlines", "failed"); });
    map.attributionControl.addAttribution("Outlines: Natural Earth");
    return map;
  };
})();
