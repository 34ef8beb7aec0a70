// The document view: bring the highlighted span to the middle of the screen. The link's #hl
// fragment alone (what works without scripts) puts it at the very top, with no context above; the
// browser scrolls to the fragment as the page loads, so this runs after that.
"use strict";
window.addEventListener("load", function () {
  const mark = document.getElementById("hl");
  if (mark) requestAnimationFrame(() => mark.scrollIntoView({ block: "center" }));
});
