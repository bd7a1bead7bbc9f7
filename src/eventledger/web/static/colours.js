// Event-type colours shared by the map and the timeline (the CSS uses the same values).
(function () {
  "use strict";
  var COLOURS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e2c8e",
    "Protests": "#2f7fbf", "Riots": "#d4a017", "Strategic developments": "#4d7d4d"
  };
  window.eventledgerColour = function (type) { return COLOURS[type] || "#777777"; };
  window.eventledgerTypes = Object.keys(COLOURS);
})();
