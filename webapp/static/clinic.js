/* Clinic mode: a live countdown to the end of the clinic session, a warning five minutes
   before it, and a "keep working" button. Without this script the page still states when the
   session ends, and the server ends it on the next request after 30 idle minutes. */
(function () {
  "use strict";
  var box = document.getElementById("clinic-timer");
  if (!box) { return; }
  // Counted from this page's load, so a computer with a wrong clock still counts right.
  var ends = Date.now() + parseInt(box.getAttribute("data-left"), 10) * 1000;
  var warnMs = parseInt(box.getAttribute("data-warn"), 10) * 1000;
  var countdown = document.getElementById("clinic-countdown");
  var warning = document.getElementById("clinic-warning");
  var keep = document.getElementById("clinic-keep");
  var template = countdown.getAttribute("data-template");
  var shownMinutes = null;

  function tick() {
    var left = ends - Date.now();
    if (left <= 0) {
      window.location.assign(box.getAttribute("data-ended"));
      return;
    }
    var minutes = Math.ceil(left / 60000);
    if (minutes !== shownMinutes) {
      countdown.textContent = template.replace("{m}", String(minutes));
      countdown.hidden = false;
      shownMinutes = minutes;
    }
    warning.hidden = left > warnMs;
  }

  keep.addEventListener("click", function () {
    fetch(box.getAttribute("data-ping"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && typeof body.left === "number") {
          ends = Date.now() + body.left * 1000;
          warning.hidden = true;
          var stated = document.getElementById("clinic-ends");
          if (stated) { stated.hidden = true; }
          tick();
        }
      })
      .catch(function () { /* the next page load reports the session's state */ });
  });

  tick();
  window.setInterval(tick, 5000);
}());
