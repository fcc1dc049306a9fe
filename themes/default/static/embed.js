/* loa embed.js: include once on a page with loa iframes (class "loa-embed"); each
   iframe then takes its content's height. Messages are trusted only from the iframe's
   own window and origin, with the fixed shape {loa: "resize", height: <number>}. */
(function () {
  "use strict";
  if (window.loaEmbed) return;
  window.loaEmbed = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.loa !== "resize" || typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.querySelectorAll("iframe.loa-embed");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try { origin = new URL(frame.src, document.baseURI).origin; } catch (e) { return; }
      if (origin !== event.origin) return;
      frame.style.height = Math.max(80, Math.min(Math.round(data.height), 30000)) + "px";
      return;
    }
  });
})();
