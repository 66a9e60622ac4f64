// Runs before the packaged content.js: Power BI's page defines the `powerbi` global the
// visual registers its plugin on (powerbi.visuals.plugins[guid]).
window.powerbi = window.powerbi || {};
