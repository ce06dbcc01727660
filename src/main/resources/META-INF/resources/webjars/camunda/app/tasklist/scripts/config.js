// Tasklist's configuration for this application (Camunda: app/tasklist/scripts/config.js).
// reunification-webapps.js (beside this file) hides the Camunda 7 CE end-of-life banner, and
// "Create task" for everyone but administrators. The shortcuts are Camunda's own defaults.
export default {
  customScripts: ['scripts/reunification-webapps', 'scripts/reunification-dates', 'scripts/reunification-keyboard',
    'scripts/reunification-accessibility', 'scripts/reunification-case'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
