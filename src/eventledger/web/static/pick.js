// Review form: set the place by searching stored place names or by clicking the map.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("map-config").textContent);
  var element = document.getElementById("pick-map");
  var field = function (id) { return document.getElementById(id); };
  var map = window.eventledgerBaseMap(element, config);
  var marker = null;
  function place(lat, lon) {
    if (marker) { marker.setLatLng([lat, lon]); } else { marker = L.circleMarker([lat, lon], { radius: 7, color: "#b00" }).addTo(map); }
  }
  var lat0 = parseFloat(field("lat").value), lon0 = parseFloat(field("lon").value);
  if (!isNaN(lat0) && !isNaN(lon0)) { place(lat0, lon0); map.setView([lat0, lon0], 6); }
  map.on("click", function (e) {
    var lat = Math.round(e.latlng.lat * 100000) / 100000, lon = Math.round(L.Util.wrapNum(e.latlng.lng, [-180, 180], true) * 100000) / 100000;
    field("lat").value = lat; field("lon").value = lon; field("geonameid").value = "";
    field("geo_precision").value = "point"; place(lat, lon);
  });
  var results = field("place-results");
  var timer = null;
  field("place-search").addEventListener("input", function (e) {
    clearTimeout(timer);
    var q = e.target.value;
    timer = setTimeout(function () {
      if (q.length < 2) { results.textContent = ""; return; }
      fetch("/api/places?q=" + encodeURIComponent(q), { credentials: "same-origin" }).then(function (r) { return r.json(); })
        .then(function (data) {
          results.textContent = "";
          data.places.forEach(function (p) {
            var li = document.createElement("li"); var b = document.createElement("button"); b.type = "button";
            b.textContent = p.name + (p.country_code ? " (" + p.country_code + ")" : "") + " " + p.lat.toFixed(3) + ", " + p.lon.toFixed(3);
            b.addEventListener("click", function () {
              field("location_name").value = p.name; field("lat").value = p.lat; field("lon").value = p.lon;
              field("country_code").value = p.country_code || ""; field("geonameid").value = p.geonameid || "";
              field("admin1").value = p.admin1 || ""; field("admin2").value = p.admin2 || "";
              field("geo_precision").value = p.geo_precision; place(p.lat, p.lon); map.setView([p.lat, p.lon], 7);
            });
            li.appendChild(b); results.appendChild(li);
          });
        });
    }, 200);
  });
})();
