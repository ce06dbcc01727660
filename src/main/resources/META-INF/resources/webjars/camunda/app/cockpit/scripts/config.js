// Cockpit's configuration for this application (Camunda: app/cockpit/scripts/config.js).
// The oversight dashboard plugin (reunification-oversight.js, beside this file) shows a manager the
// timeliness, overdue work, outcomes and caseload of the cases they may see, from /api/oversight.
export default {
  customScripts: ['scripts/reunification-oversight', '../tasklist/scripts/reunification-webapps',
    '../tasklist/scripts/reunification-accessibility',
    '../tasklist/scripts/reunification-case'],
  app: {
    name: 'Cockpit',
    vendor: 'Reunification'
  }
};
