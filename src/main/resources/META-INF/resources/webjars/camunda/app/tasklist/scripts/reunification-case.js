// The "Case" tab: the whole case of the child a task belongs to, beside the task's form, in
// Tasklist (a task's detail) and in Cockpit (a process instance). It reads the case's chronology
// (/api/cases/{childId}/chronology) with the person's own webapp login, so each person sees only the
// cases they may see. Plain DOM; every value is set as text.

const root = window.location.pathname.split('/app/')[0];
const engineApi = `${root}/api/engine/engine/default`;

const STYLE = `
.reunification-case { padding: 8px 0 20px; }
.reunification-case h4 { font-size: 15px; margin: 14px 0 6px; font-weight: 600; }
.reunification-case .rc-open li.rc-overdue { color: #b5152b; font-weight: 600; }
.reunification-case table { width: 100%; }
.reunification-case td { vertical-align: top; padding: 4px 8px 4px 0; border-top: 1px solid #eee; }
.reunification-case td.rc-at { white-space: nowrap; color: #555; }
.reunification-case dl { margin: 2px 0 0; }
.reunification-case dt { font-weight: 600; font-size: 12px; }
.reunification-case dd { margin: 0 0 4px; white-space: pre-wrap; }
`;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

async function json(url) {
  const answer = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!answer.ok) {
    throw new Error(answer.status === 404 ? 'This case is not one you may see.' : `The case could not be read (${answer.status}).`);
  }
  return answer.json();
}

function day(iso) {
  return iso ? iso.substring(0, 10) : '';
}

function values(entry) {
  const recorded = Object.entries(entry.values || {});
  if (!recorded.length) {
    return '';
  }
  return el('dl', {}, ...recorded.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value === null ? '' : value)]));
}

function show(node, childId, chronology) {
  const now = new Date().toISOString();
  const open = chronology.entries.filter(entry => entry.what.startsWith('Open: '));
  const done = chronology.entries.filter(entry => !entry.what.startsWith('Open: '));

  node.replaceChildren(el('section', {class: 'reunification-case', 'data-plugin': 'reunification-case', 'data-child': childId},
    el('style', {}, STYLE),
    el('h4', {}, `Case ${childId}`),
    el('p', {'data-stage': ''}, `Stage: ${chronology.stage}`),
    el('h4', {}, 'Open work'),
    el('ul', {class: 'rc-open'}, ...open.map(entry => el('li', {class: entry.due && entry.due < now ? 'rc-overdue' : '',
      'data-open': entry.taskKey || ''}, `${entry.what.substring(6)}${entry.by ? ` (${entry.by})` : ''}`
      + `${entry.due ? `, due ${day(entry.due)}${entry.due < now ? ': overdue' : ''}` : ''}`))),
    el('h4', {}, 'Research factors and the plan\'s responses (Wiltshire §3, §6)'),
    chronology.factors.length
      ? el('table', {class: 'rc-factors'}, ...chronology.factors.map(factor => el('tr', {'data-factor': factor.code || ''},
        el('td', {}, factor.label || factor.code), el('td', {}, `Calls for: ${factor.support || ''}`),
        el('td', {}, `Plan: ${factor.response || 'no response recorded'}`))))
      : el('p', {}, 'No research factors recorded.'),
    el('h4', {}, 'Chronology'),
    el('table', {class: 'rc-chronology'}, ...done.map(entry => el('tr', {'data-entry': entry.taskKey || ''},
      el('td', {class: 'rc-at'}, day(entry.at)), el('td', {}, entry.what), el('td', {}, entry.by || ''),
      el('td', {}, values(entry)))))));
}

async function load(node, childIdOf) {
  node.replaceChildren(el('p', {}, 'Loading the case…'));
  try {
    const childId = await childIdOf();
    show(node, childId, await json(`/api/cases/${encodeURIComponent(childId)}/chronology`));
  } catch (e) {
    node.replaceChildren(el('p', {class: 'text-danger'}, e.message));
  }
}

export default [{
  id: 'reunification-case-task',
  pluginPoint: 'tasklist.task.detail',
  priority: 50,
  properties: {label: 'Case'},
  render: (node, {taskId}) => load(node, async () => (await json(`${engineApi}/task/${taskId}/variables/childId`)).value)
}, {
  id: 'reunification-case-instance',
  pluginPoint: 'cockpit.processInstance.runtime.tab',
  priority: 50,
  properties: {label: 'Case'},
  render: (node, {processInstanceId}) => load(node, async () =>
    (await json(`${engineApi}/process-instance/${processInstanceId}`)).businessKey)
}];
