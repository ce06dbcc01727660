// What Camunda's own screens lack for WCAG 2.2 AA and a plugin can give them, in Tasklist and
// Cockpit (each app's config.js loads this file): a name for every icon-only button and link (from
// its tooltip, or from what its icon shows), text dark enough to read on its background, and
// targets of at least 24 by 24 pixels. What this cannot reach is listed, with its workaround, in
// docs/accessibility-statement.md.

const ICON_NAMES = {
  'glyphicon-menu-down': 'Show more', 'glyphicon-menu-up': 'Show less', 'glyphicon-plus': 'Add',
  'glyphicon-pencil': 'Edit', 'glyphicon-remove': 'Remove', 'glyphicon-trash': 'Delete',
  'glyphicon-calendar': 'Choose a date', 'glyphicon-ok': 'Apply', 'glyphicon-user': 'Assignee',
  'glyphicon-sort': 'Change the order', 'glyphicon-chevron-up': 'Ascending', 'glyphicon-chevron-down': 'Descending',
  'glyphicon-menu-left': 'Previous', 'glyphicon-menu-right': 'Next', 'glyphicon-refresh': 'Refresh',
  'glyphicon-search': 'Search', 'glyphicon-filter': 'Filter', 'glyphicon-cog': 'Settings',
  'glyphicon-home': 'Home', 'glyphicon-question-sign': 'Help', 'glyphicon-info-sign': 'Information',
  'glyphicon-comment': 'Add a comment', 'glyphicon-bell': 'Follow-up date', 'glyphicon-time': 'Due date',
  'glyphicon-resize-full': 'Enlarge', 'glyphicon-resize-small': 'Reduce', 'glyphicon-download': 'Download',
  'glyphicon-eye-open': 'Show', 'glyphicon-list': 'List', 'glyphicon-th': 'Grid',
  'glyphicon-fullscreen': 'Full screen', 'glyphicon-log-out': 'Log out', 'glyphicon-asterisk': 'Required',
  'caret': 'Open the menu'
};

function hasName(element) {
  return !!(element.getAttribute('aria-label') || element.getAttribute('aria-labelledby')
    || element.innerText.trim() || element.querySelector('img[alt]:not([alt=""])'));
}

const REGIONS = {filters: 'Show or hide the filters', list: 'Show or hide the task list', task: 'Show or hide the task'};

function nameOf(element) {
  if (element.dataset && REGIONS[element.dataset.region]) {
    return REGIONS[element.dataset.region];
  }
  if (element.matches('[state-circle]')) {
    return element.classList.contains('circle-red') ? 'With incidents' : 'Without incidents';
  }
  if (element.classList.contains('bjs-drilldown')) {
    return 'Open the called process';
  }
  if (element.classList.contains('sort-direction')) {
    return 'Change the sort direction';
  }
  if (element.closest('.new-sort')) {
    return 'Add a sort order';
  }
  if (element.matches('.dropdown-toggle, [uib-dropdown-toggle]') && !nameFromTooltip(element)) {
    return 'Open the menu';
  }
  return nameFromTooltip(element) || nameFromIcon(element);
}

function nameFromTooltip(element) {
  const inner = element.querySelector('[uib-tooltip], [title]');
  return ownTooltip(element) || (inner && ownTooltip(inner));
}

function ownTooltip(element) {
  const told = element.getAttribute('uib-tooltip') || element.getAttribute('tooltip') || element.getAttribute('title')
    || element.getAttribute('data-original-title');
  return told && !told.includes('{{') ? told : null;
}

function nameFromIcon(element) {
  const icons = [element, ...element.querySelectorAll('[class]')].flatMap(node => [...node.classList]);
  const known = icons.find(name => ICON_NAMES[name]);
  return known ? ICON_NAMES[known] : null;
}

function nameTheUnnamed() {
  // the search box keeps aria-expanded, which only a combobox may carry
  document.querySelectorAll('input.main-field[aria-expanded]:not([role])').forEach(input => input.setAttribute('role', 'combobox'));
  // Cockpit's switch of the activity instance statistics on a diagram
  document.querySelectorAll('input.toggle:not([aria-label])').forEach(input => input.setAttribute('aria-label',
    (input.closest('label, div, span') || input).innerText.trim() || 'Activity instance statistics'));
  document.querySelectorAll('button, a[href], [role=button], [role=link]').forEach(element => {
    if (!hasName(element)) {
      const name = nameOf(element);
      if (name) {
        element.setAttribute('aria-label', name);
      }
    }
  });
}

let pending = false;
new MutationObserver(() => {
  if (!pending) {
    pending = true;
    // once per burst of changes: Angular redraws in many small steps
    requestAnimationFrame(() => {
      pending = false;
      nameTheUnnamed();
    });
  }
}).observe(document.documentElement, {childList: true, subtree: true});

const style = document.createElement('style');
style.setAttribute('data-reunification', 'accessibility');
style.textContent = [
  // Camunda's greys (#999, #aaa, #bbb on white) read at under 4.5:1; #595959 reads at 7:1
  '.tasks-list .task h6, .tasks-list .task .dates, .tasks-list .task-card-details, .tasks-list .task .assignee,'
    + ' .tasklist-card-plugin, .text-muted, .help-block, .task-filters .description, .cam-tasklist-card-var,'
    + ' .cam-tasklist-variables, .task-card-details dt, .task-card-details dd { color: #595959 !important; }',
  '.tasks-list .task .due-date.overdue { color: #a3141f !important; }',
  '.null-value, .loader-state.empty { color: #595959 !important; }',
  '.no-task, #footer-timezone, footer, footer *, .tasks-list .task .dates *, .task-filters .item a .counter'
    + ' { color: #595959 !important; }',
  'footer a, .well a { text-decoration: underline; }',
  // at least 24 by 24 pixels (WCAG 2.2 2.5.8)
  '.tasks-list .shutter a, .task-filters .actions a, .sorting-choice a, .sorting-choice button, .btn-link.btn-xs,'
    + ' .cam-widget-inline-field .btn, .pagination > li > a, .sort-direction, .region-toggle, [data-region]'
    + ' { display: inline-block; min-width: 24px; min-height: 24px; }'
].join('\n');
document.head.append(style);

export default [];
