// What every Camunda webapp of this application shows a caseworker, loaded by each app's config.js
// (customScripts). Camunda 7 CE's end-of-life banner is hidden: no caseworker can act on it, and
// the end of life is stated for operations in the README. "Create task" is offered only to
// administrators: a stand-alone task belongs to no case, and only camunda-admin may create one.
// Tasklist lists work by due date, soonest first, unless the person chooses another order: casework
// is worked by its statutory dates.
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
function sortByDueDate() {
  const [path, query = ''] = window.location.hash.split('?');
  if (!window.location.pathname.includes('/app/tasklist/') || !path.startsWith('#/') || path.startsWith('#/login')) {
    return;
  }
  const params = new URLSearchParams(query);
  if (!params.has('sorting')) {
    params.set('sorting', JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}]));
    window.location.replace(`${window.location.pathname}${path}?${params}`);
  }
}

markAdministrator();
sortByDueDate();
window.addEventListener('hashchange', () => {
  markAdministrator();
  sortByDueDate();
});

export default [];
