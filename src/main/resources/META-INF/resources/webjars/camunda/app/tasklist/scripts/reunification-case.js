// The "Case" tab: the whole case of the child a task belongs to, beside the task's form, in
// Tasklist (a task's detail) and in Cockpit (a process instance). It reads the case's chronology
// (/api/cases/{childId}/chronology) with the person's own webapp login, so each person sees only the
// cases they may see. Plain DOM; every value is set as text.

import {reportButton} from './reunification-report.js';

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

/** A date or a moment, day first: "28/11/2026" (the moment in England's time). */
function day(iso) {
  if (!iso) {
    return '';
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat('en-GB', {timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric'})
    .format(date);
}

/** A recorded value in the form's words: yes/no, codes by their labels, lists one a line, people by name, dates day first. */
function inWords(name, value, words) {
  const codes = (words.codes || {})[name] || {};
  const people = words.people || {};
  if (value === true || value === 'true') {
    return 'Yes';
  }
  if (value === false || value === 'false') {
    return 'No';
  }
  if (typeof value === 'string' && /^[\[{]/.test(value.trim())) {
    try {
      const parsed = JSON.parse(value);
      return Array.isArray(parsed)
        ? parsed.map(code => codes[code] || code).join('\n') || 'None'
        : Object.entries(parsed).map(([code, text]) => `${codes[code] || code}: ${text}`).join('\n');
    } catch (notJson) {
      return value;
    }
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)) {
    return day(value);
  }
  return codes[value] || people[value] || (value === null ? '' : String(value));
}

function values(entry, words) {
  const recorded = Object.entries(entry.values || {});
  if (!recorded.length) {
    return '';
  }
  const labels = words.labels || {};
  return el('dl', {}, ...recorded.flatMap(([name, value]) => [el('dt', {}, labels[name] || name),
    el('dd', {}, inWords(name, value, words))]));
}

function show(node, childId, chronology) {
  const now = new Date().toISOString();
  const open = chronology.entries.filter(entry => entry.what.startsWith('Open: '));
  const done = chronology.entries.filter(entry => !entry.what.startsWith('Open: '));
  const words = chronology.words || {};
  const person = id => (words.people || {})[id] || id || '';

  node.replaceChildren(el('section', {class: 'reunification-case', 'data-plugin': 'reunification-case', 'data-child': childId},
    el('style', {}, STYLE),
    el('h4', {class: 'rc-heading'}, chronology.childName ? `${chronology.childName}: case ${childId}` : `Case ${childId}`),
    el('p', {'data-stage': ''}, `Stage: ${chronology.stage}`),
    el('p', {}, reportButton(childId, chronology.childName)),
    el('h4', {}, 'Open work'),
    el('ul', {class: 'rc-open'}, ...open.map(entry => el('li', {class: entry.due && entry.due < now ? 'rc-overdue' : '',
      'data-open': entry.taskKey || ''}, `${entry.what.substring(6)}${entry.by ? ` (${person(entry.by)})` : ''}`
      + `${entry.due ? `, due ${day(entry.due)}${entry.due < now ? ': overdue' : ''}` : ''}`))),
    el('h4', {}, 'Research factors and the plan\'s responses (Wiltshire §3, §6)'),
    chronology.factors.length
      ? el('table', {class: 'rc-factors'}, ...chronology.factors.map(factor => el('tr', {'data-factor': factor.code || ''},
        el('td', {}, factor.label || factor.code), el('td', {}, `Calls for: ${factor.support || ''}`),
        el('td', {}, `Plan: ${factor.response || 'no response recorded'}`))))
      : el('p', {}, 'No research factors recorded.'),
    el('h4', {}, 'Chronology'),
    el('table', {class: 'rc-chronology'}, ...done.map(entry => el('tr', {'data-entry': entry.taskKey || ''},
      el('td', {class: 'rc-at'}, day(entry.at)), el('td', {}, entry.what), el('td', {}, person(entry.by)),
      el('td', {}, values(entry, words)))))));
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
