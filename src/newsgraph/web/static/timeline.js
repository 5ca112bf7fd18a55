// The timeline page: canonical events on a vis-timeline axis; click one to open its page.
// Data comes from the page's JSON block and reaches the DOM through textContent only.
(function () {
  "use strict";
  var holder = document.getElementById("timeline");
  var source = document.getElementById("timeline-data");
  if (!holder || !source || typeof vis === "undefined") { return; }
  var rows = JSON.parse(source.textContent);
  var KNOWN = /^[a-z]+$/;

  function dayOf(value) {
    // "2023-09" or "2023" mean the whole month or year: drawn at its start.
    var parts = String(value).split("-");
    return new Date(Date.UTC(+parts[0], parts[1] ? +parts[1] - 1 : 0, parts[2] ? +parts[2] : 1));
  }
  function content(row) {
    var span = document.createElement("span");
    span.textContent = row.label;
    span.setAttribute("data-event", String(row.id));
    return span;
  }
  var items = new vis.DataSet(rows.map(function (row) {
    var status = KNOWN.test(row.status) ? row.status : "other";
    return {id: row.id, start: dayOf(row.start), content: content(row), type: "box",
            className: "st-" + status, eventId: row.id};
  }));
  var timeline = new vis.Timeline(holder, items, {
    stack: true, zoomable: true, moveable: true, selectable: true, margin: {item: 6},
    maxHeight: 520, zoomMin: 1000 * 60 * 60 * 24 * 3, orientation: "top"
  });
  timeline.on("select", function (props) {
    if (props.items.length) {
      window.location.assign("/events/" + encodeURIComponent(String(props.items[0])));
    }
  });
  holder.setAttribute("data-ready", String(rows.length));
})();
