// Admin's configuration for this application (Camunda: app/admin/scripts/config.js): the webapps'
// common look (reunification-webapps.js, kept with Tasklist's scripts) without the CE end-of-life banner.
export default {
  customScripts: ['../tasklist/scripts/reunification-webapps']
};
