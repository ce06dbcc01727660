// Reporting a case event from the child's own task: the Case tab's button opens Tasklist's own
// start dialog for "Report a case event" (its form, drawn in Modeler, is unchanged) with the
// child's case reference filled in, and once the report is in, says where it went: the case's open
// work and who has it now, read from the case's chronology with the person's own login.

const REPORT = 'Report a case event';
const CHILD_LABEL = 'Case reference of the child';
let sent = null;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

function soon(find, tries = 50) {
  return new Promise((resolve, reject) => {
    const look = left => {
      const found = find();
      if (found) {
        resolve(found);
      } else if (left > 0) {
        setTimeout(() => look(left - 1), 100);
      } else {
        reject(new Error('not drawn'));
      }
    };
    look(tries);
  });
}

function reportDialog() {
  const dialog = document.querySelector('.modal');
  return dialog && /Start process: Report a case event/.test(dialog.textContent) ? dialog : null;
}

function childField(dialog) {
  const field = [...dialog.querySelectorAll('.fjs-form-field')]
    .find(candidate => (candidate.querySelector('label') || {}).textContent?.trim().startsWith(CHILD_LABEL));
  return field && field.querySelector('input');
}

/** The button on the Case tab; none where there is no start dialog (Cockpit). */
export function reportButton(childId, childName) {
  const start = document.querySelector('.start-process-action a');
  if (!start) {
    return '';
  }
  const button = el('button', {type: 'button', class: 'btn btn-default btn-sm', 'data-report-event': childId},
    `Report an event about ${childName || childId}`);
  button.addEventListener('click', async () => {
    start.click();
    const entry = await soon(() => [...document.querySelectorAll('.modal a')].find(a => a.textContent.trim() === REPORT));
    entry.click();
    fillIn(childId);
  });
  return button;
}

// Tasklist draws the form, then imports it again with the start form's data, which empties the
// field: so the child is put in as if typed, and again for a few seconds whenever it is found empty
// (no DOM change marks that reset). A person who empties it afterwards is left to do so.
function fillIn(childId) {
  let tries = 40;
  const put = () => {
    const dialog = reportDialog();
    const input = dialog && childField(dialog);
    if (input && !input.value) {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, childId);
      input.dispatchEvent(new Event('input', {bubbles: true}));
    }
    if (--tries > 0 && (dialog || tries > 30)) {
      setTimeout(put, 100);
    }
  };
  put();
}

async function openWork(childId) {
  const answer = await fetch(`/api/cases/${encodeURIComponent(childId)}/chronology`,
    {credentials: 'same-origin', headers: {Accept: 'application/json'}});
  if (!answer.ok) {
    return null;
  }
  const chronology = await answer.json();
  const people = (chronology.words || {}).people || {};
  return {childName: chronology.childName,
    open: chronology.entries.filter(entry => entry.what.startsWith('Open: '))
      .map(entry => `${entry.what.substring(6)}${entry.by ? ` (${people[entry.by] || entry.by})` : ''}`)};
}

function said(childId, work) {
  return el('span', {}, el('strong', {}, `Your report is on the case of ${work.childName || childId} (${childId}). `),
    work.open.length ? `Open on the case now: ${work.open.join('; ')}.` : 'Nothing is open on the case now.');
}

// The report is on the case when the dialog closes; what it opens (a manager's review of a
// concern) is made a moment later by the engine, so the open work is read again for a while
// until it changes.
async function confirm(childId, before) {
  const work = await openWork(childId);
  if (!work) {
    return;
  }
  document.querySelectorAll('[data-report-sent]').forEach(old => old.remove());
  const close = el('button', {type: 'button', class: 'close', 'aria-label': 'Close this message'}, '×');
  let words = said(childId, work);
  const notice = el('div', {class: 'alert alert-success reunification-report-sent', role: 'status', 'data-report-sent': childId},
    close, words);
  close.addEventListener('click', () => notice.remove());
  document.body.prepend(notice);
  let tries = 30;
  const again = async () => {
    const now = await openWork(childId);
    if (now && before && now.open.join() !== before.open.join()) {
      const replaced = said(childId, now);
      words.replaceWith(replaced);
      words = replaced;
      return;
    }
    if (--tries > 0 && notice.isConnected) {
      setTimeout(again, 1000);
    }
  };
  setTimeout(again, 1000);
}

// The report's Start: remember which child it was for; once the dialog has closed without a
// refusal, say where it went.
document.addEventListener('click', event => {
  const button = event.target instanceof Element && event.target.closest('button');
  const dialog = reportDialog();
  if (!button || !dialog || button.textContent.trim() !== 'Start') {
    return;
  }
  const input = childField(dialog);
  sent = input && input.value.trim();
  const before = sent ? openWork(sent) : Promise.resolve(null);
  soon(() => !document.querySelector('.modal .fjs-form'), 100)
    .then(async () => sent && confirm(sent, await before))
    .catch(() => { /* still open: refused, and the dialog says why */ })
    .finally(() => { sent = null; });
}, true);

const style = document.createElement('style');
style.setAttribute('data-reunification', 'report');
style.textContent = '.reunification-report-sent { position: fixed; top: 48px; left: 50%; transform: translateX(-50%);'
  + ' z-index: 2000; max-width: 720px; }';
document.head.append(style);

export default [];
