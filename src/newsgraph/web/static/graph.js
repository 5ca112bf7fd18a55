// The entity page's neighbourhood graph (cytoscape); click a node to move to that entity.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof cytoscape === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var TYPE_COLOURS = {PERSON: "#3b6fb6", ORG: "#7a4fb0", GPE: "#2f8f5b", LOC: "#5f8f2f", NORP: "#b07a2f"};
  var cy = cytoscape({
    container: holder,
    elements: {nodes: data.nodes, edges: data.edges},
    style: [
      {selector: "node", style: {
        "label": "data(label)", "font-size": 11, "color": "#1f2933", "text-valign": "bottom",
        "text-margin-y": 4, "width": 22, "height": 22,
        "background-color": function (n) { return TYPE_COLOURS[n.data("type")] || "#7b8794"; }}},
      {selector: "node[centre = 1]", style: {"width": 38, "height": 38, "font-weight": "bold",
        "border-width": 3, "border-color": "#f0b429"}},
      {selector: "edge", style: {"width": "mapData(weight, 1, 10, 1, 8)", "line-color": "#bcccdc",
        "curve-style": "haystack", "opacity": 0.8}}
    ],
    layout: {name: "concentric", concentric: function (n) { return n.data("centre") ? 10 : n.degree(); },
             levelWidth: function () { return 3; }, minNodeSpacing: 30, animate: false},
    wheelSensitivity: 0.3
  });
  cy.on("tap", "node", function (evt) {
    var id = evt.target.id();
    if (!evt.target.data("centre")) {
      window.location.assign("/entities/" + encodeURIComponent(id));
    }
  });
  holder.setAttribute("data-nodes", String(cy.nodes().length));
  window.newsgraphGraph = cy;
})();
