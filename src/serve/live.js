/* loa serve: reloads this tab when its page changed or the build's errors changed. */
(function () {
  "use strict";
  var base = document.currentScript.getAttribute("data-base");
  var events = new EventSource(base + "__loa/events");
  events.addEventListener("reload", function (e) {
    var changed = JSON.parse(e.data);
    var here = decodeURI(location.pathname);
    if (changed.all || changed.paths.some(function (p) { return p === here || p === here + "index.html"; })) {
      location.reload();
    }
  });
})();
