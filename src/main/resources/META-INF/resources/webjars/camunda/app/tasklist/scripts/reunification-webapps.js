// What every Camunda webapp of this application shows a caseworker, loaded by each app's config.js
// (customScripts). Camunda 7 CE's end-of-life banner is hidden: no caseworker can act on it, and
// the end of life is stated for operations in the README. "Create task" is offered only to
// administrators: a stand-alone task belongs to no case, and only camunda-admin may create one.
const root = window.location.pathname.split('/app/')[0];
const style = document.createElement('style');
style.setAttribute('data-reunification', 'webapps');
style.textContent = '.ce-eol-banner { display: none !important; }\n'
  + 'body:not(.reunification-administrator) .create-task-action { display: none !important; }';
document.head.append(style);

async function markAdministrator() {
  try {
    const answer = await fetch(`${root}/api/admin/auth/user/default`, {credentials: 'same-origin'});
    const user = answer.ok ? await answer.json() : null;
    document.body.classList.toggle('reunification-administrator', !!user && (user.authorizedApps || []).includes('admin'));
  } catch (e) {
    document.body.classList.remove('reunification-administrator');
  }
}
markAdministrator();
window.addEventListener('hashchange', markAdministrator);

export default [];
