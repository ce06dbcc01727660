// Keyboard and first sight of a task in Tasklist. Tasklist leaves the focus at the top of the page
// when a task opens (dozens of Tab presses to the first field) and its "focus form" shortcut looks
// only for embedded HTML forms, not Camunda Forms. So: a "Skip to the task's form" link first on
// the page; the focus in the form's first field as soon as a task's form is drawn; and, on a task
// nobody has claimed, a line above the greyed form saying that it can be read now and is decided
// after pressing Claim.

const FIELD = '.fjs-form input:not([type=hidden]):not([disabled]), .fjs-form textarea:not([disabled]),'
  + ' .fjs-form select:not([disabled]), .fjs-form [tabindex="0"]';
const ANY_FIELD = '.fjs-form input:not([type=hidden]), .fjs-form textarea, .fjs-form select';

function firstField() {
  return document.querySelector(FIELD) || document.querySelector(ANY_FIELD);
}

function skipLink() {
  if (document.querySelector('[data-reunification-skip]')) {
    return;
  }
  const link = document.createElement('a');
  link.href = '#';
  link.className = 'reunification-skip-link';
  link.setAttribute('data-reunification-skip', '');
  link.textContent = "Skip to the task's form";
  link.addEventListener('click', event => {
    event.preventDefault();
    const target = firstField() || document.querySelector('.tasks-list a, main, [role=main]');
    if (target) {
      target.focus();
    }
  });
  document.body.prepend(link);
}

function claimNotice(form) {
  // Tasklist greys the form of a task nobody has claimed by the class disabled-form on its wrapper; a
  // form that only shows some facts read-only (the plan, the managers' reasons) is not greyed
  const inputs = [...form.querySelectorAll('input:not([type=hidden]), textarea, select')];
  const disabled = !!form.closest('.disabled-form, .fjs-disabled')
    || (inputs.length > 0 && inputs.every(input => input.disabled || input.readOnly));
  let notice = document.querySelector('[data-reunification-claim-notice]');
  if (!disabled) {
    if (notice) {
      notice.remove();
    }
    return;
  }
  if (!notice) {
    notice = document.createElement('p');
    notice.setAttribute('data-reunification-claim-notice', '');
    notice.setAttribute('role', 'note');
    notice.className = 'reunification-claim-notice';
    notice.textContent = 'You can read this task now. To record your decision, press Claim (top right of the'
      + ' task): the form opens for you and the task leaves your colleagues\' lists.';
    form.closest('.fjs-container').before(notice);
  }
}

let seenForm = null;
/** The focus in the form's first field, unless the person is already at work in a field elsewhere. */
function focusFirstField(form) {
  const field = form.querySelector(FIELD);
  const busy = document.activeElement && document.activeElement !== document.body
    && !form.contains(document.activeElement) && document.activeElement.matches('input, textarea, select');
  if (field && field.offsetParent !== null && !busy && !form.contains(document.activeElement)) {
    field.focus();
  }
}

new MutationObserver(() => {
  skipLink();
  const form = document.querySelector('.fjs-container .fjs-form');
  if (!form) {
    seenForm = null;
    return;
  }
  claimNotice(form);
  if (form !== seenForm) {
    seenForm = form;
    // Tasklist goes on drawing the task (its tabs, its list) after the form and takes the focus
    // back: so once the form is drawn, and again once the page has settled
    [0, 400, 1200, 2500].forEach(delay => setTimeout(() => form.isConnected && focusFirstField(form), delay));
  }
}).observe(document.documentElement, {childList: true, subtree: true, attributes: true, attributeFilter: ['class']});

const style = document.createElement('style');
style.setAttribute('data-reunification', 'keyboard');
style.textContent = '.reunification-skip-link { position: absolute; left: -10000px; top: 4px; z-index: 10000;'
  + ' background: #fff; color: #0b4e8c; padding: 8px 12px; border: 2px solid #0b4e8c; font-weight: 600; }\n'
  + '.reunification-skip-link:focus { left: 8px; }\n'
  + '.reunification-claim-notice { background: #fff4ce; border-left: 4px solid #8a6d00; padding: 8px 12px;'
  + ' margin: 8px 0; color: #222; }';
document.head.append(style);

export default [];
