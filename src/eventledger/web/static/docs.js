// Starts Swagger UI for /docs from our own copy of swagger-ui-dist (no CDN, no inline script).
(function () {
  "use strict";
  var box = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: box.getAttribute("data-spec"), dom_id: "#swagger-ui", deepLinking: true });
})();
