/* Inside a loa embed page: tells the partner page how tall the content is, so that
   embed.js can size the iframe. The message carries nothing but the height. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ loa: "resize", height: height }, "*");
  }
  window.addEventListener("load", send);
  document.addEventListener("toggle", send, true);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.documentElement);
  send();
})();
