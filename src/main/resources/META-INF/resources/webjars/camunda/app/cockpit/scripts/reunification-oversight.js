// Cockpit dashboard plugin: oversight of returns home for the manager logged into Cockpit.
// Figures come from /api/oversight with the manager's own Cockpit login, so each manager sees the
// figures of the cases they may see. Plain DOM, no framework; every value is set as text.
// The CSV links download the same report with the same login (a GET under /api/oversight).
// Dates are read and shown day first, by Tasklist's one reading of a typed date.

import {readDayFirst} from '../../tasklist/scripts/reunification-dates.js';

/** An ISO date (yyyy-mm-dd) as a person here reads it: dd/mm/yyyy. */
function dayFirst(iso) {
  const [year, month, day] = String(iso || '').split('-');
  return day ? `${day}/${month}/${year}` : iso;
}

const COLOURS = {onTime: '#52a552', late: '#e6a23c', missed: '#b5152b', overdue: '#d9534f', pending: '#b8c1cc'};
const COLUMNS = [
  ['due', 'Due'], ['onTime', 'On time'], ['late', 'Late'], ['missed', 'Missed'], ['overdue', 'Overdue now'],
  ['pending', 'Not yet due'], ['onTimePercent', 'On time %']
];
const OUTCOMES = {
  SUSTAINED_AT_HOME: 'Sustained at home',
  TRANSFERRED_TO_TEAM_AROUND_CHILD: 'Transferred to Team Around the Child',
  STEPPED_DOWN_TO_UNIVERSAL: 'Stepped down to universal services',
  RETURNED_TO_CARE: 'Returned to care',
  RETURN_NOT_SUPPORTED: 'Return not supported by the review',
  NOT_RATIFIED: 'Not ratified',
  FAMILY_WITHDREW: 'Family withdrew',
  NONE_RECORDED: 'No outcome recorded'
};

const POUNDS = new Intl.NumberFormat('en-GB', {style: 'currency', currency: 'GBP', maximumFractionDigits: 0});

const STYLE = `
/* a manager's start page is the oversight, alone: Camunda's own charts and the "Custom Plugins"
   heading are for administrators (the body class is set by reunification-webapps.js) */
body:not(.reunification-administrator) .dashboard > .sections { display: none; }
body:not(.reunification-administrator) .dashboard section.deprecate > .section-toggle,
body:not(.reunification-administrator) .dashboard section.deprecate header { display: none; }
.reunification-oversight .ro-caution { display: block; font-size: 12px; color: #595959; }
.reunification-oversight { padding: 0 0 20px; }
.reunification-oversight h3 { font-size: 16px; margin: 22px 0 8px; font-weight: 600; }
.reunification-oversight .ro-note { color: #6b6b6b; font-size: 12px; margin: 0 0 8px; }
.reunification-oversight table.table { width: auto; min-width: 50%; margin-bottom: 8px; background: #fff; }
.reunification-oversight table.table td.ro-number, .reunification-oversight table.table th.ro-number { text-align: right; }
.reunification-oversight .ro-period { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.reunification-oversight .ro-period input { width: 150px; display: inline-block; }
.reunification-oversight .ro-legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.reunification-oversight .ro-legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
.reunification-oversight .ro-columns { display: flex; gap: 32px; flex-wrap: wrap; align-items: flex-start; }
.reunification-oversight .ro-error { color: #b5152b; font-weight: 600; }
.reunification-oversight .ro-downloads a { margin-right: 14px; }
.reunification-oversight .ro-costs { max-width: 640px; }
`;

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, value);
    }
  });
  children.flat().forEach(child => node.append(child instanceof Node ? child : document.createTextNode(
    child === null || child === undefined ? '' : String(child))));
  return node;
}

function table(headings, rows, numericFrom) {
  return el('table', {class: 'table table-bordered table-condensed cam-table'},
    el('thead', {}, el('tr', {}, headings.map((h, i) => el('th', {class: i >= numericFrom ? 'ro-number' : null}, h)))),
    el('tbody', {}, rows.length ? rows : [el('tr', {}, el('td', {colspan: headings.length}, 'None'))]));
}

function cell(value, figure, numeric) {
  return el('td', {class: numeric ? 'ro-number' : null, 'data-figure': figure},
    value === null || value === undefined ? '–' : value);
}

/** A share of fewer than 10 children: the figure, and a caution beside it (one child moves it by 10 points or more). */
function cautiousPercent(value, children, figure) {
  const shown = el('span', {'data-figure': figure}, value === null || value === undefined ? '–' : value);
  return el('td', {class: 'ro-number'}, shown, value !== null && value !== undefined && children < 10
    ? el('span', {class: 'ro-caution', 'data-caution': figure}, ` (of ${children}: fewer than 10 children, read with caution)`)
    : '');
}

/** The child by name, linked to their case in Cockpit (its Case tab). */
function childCell(o) {
  const name = o.childName ? `${o.childName} (${o.childId})` : o.childId;
  return el('td', {'data-figure': 'overdue.child'}, o.caseInstanceId
    ? el('a', {href: `#/process-instance/${encodeURIComponent(o.caseInstanceId)}/runtime`}, name) : name);
}

function percent(counts) {
  const passed = counts.onTime + counts.late + counts.missed + counts.overdue;
  return passed === 0 ? null : Math.round(100 * counts.onTime / passed);
}

function timelinessChart(timeliness) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const width = 560, label = 190, row = 26, height = timeliness.length * row + 8;
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Work due in the period by timescale: on time, late, missed, overdue, not yet due');
  svg.setAttribute('class', 'ro-chart');
  const most = Math.max(1, ...timeliness.map(t => t.overall.due));
  timeliness.forEach((t, i) => {
    const y = i * row + 4;
    const text = document.createElementNS(svgNs, 'text');
    text.setAttribute('x', 0);
    text.setAttribute('y', y + 15);
    text.setAttribute('font-size', '12');
    text.textContent = t.label;
    svg.append(text);
    let x = label;
    ['onTime', 'late', 'missed', 'overdue', 'pending'].forEach(part => {
      const w = (width - label - 40) * t.overall[part] / most;
      if (w > 0) {
        const bar = document.createElementNS(svgNs, 'rect');
        bar.setAttribute('x', x);
        bar.setAttribute('y', y);
        bar.setAttribute('width', w);
        bar.setAttribute('height', row - 8);
        bar.setAttribute('fill', COLOURS[part]);
        const title = document.createElementNS(svgNs, 'title');
        title.textContent = `${t.label}: ${t.overall[part]} ${part}`;
        bar.append(title);
        svg.append(bar);
        x += w;
      }
    });
    const total = document.createElementNS(svgNs, 'text');
    total.setAttribute('x', x + 6);
    total.setAttribute('y', y + 15);
    total.setAttribute('font-size', '12');
    total.textContent = t.overall.due;
    svg.append(total);
  });
  return svg;
}

function legend() {
  return el('div', {class: 'ro-legend'}, [['onTime', 'On time'], ['late', 'Late'], ['missed', 'Missed'],
    ['overdue', 'Overdue now'], ['pending', 'Not yet due']].map(([key, text]) =>
    el('span', {}, el('i', {style: `background:${COLOURS[key]}`}), text)));
}

function timelinessSection(report, teamName) {
  const rows = [];
  report.timeliness.forEach(t => {
    rows.push(el('tr', {'data-timescale': t.timescale},
      el('td', {}, el('strong', {}, t.label), el('div', {class: 'ro-note'}, t.rule)), el('td', {}, 'All teams'),
      COLUMNS.map(([key]) => cell(key === 'onTimePercent' ? percent(t.overall) : t.overall[key],
        `${t.timescale}.${key}`, true))));
    Object.entries(t.byTeam).forEach(([team, counts]) => rows.push(el('tr', {'data-timescale': t.timescale, 'data-team': team},
      el('td', {}, ''), el('td', {}, teamName(team)),
      COLUMNS.map(([key]) => cell(key === 'onTimePercent' ? percent(counts) : counts[key],
        `${t.timescale}.${team}.${key}`, true)))));
  });
  return [
    el('h3', {}, 'Timeliness of statutory work due in the period'),
    el('p', {class: 'ro-note'}, 'Counted from each task\'s due date. Missed: the case ended with the work undone after it was due. Work cancelled before it was due is not counted.'),
    el('div', {class: 'ro-columns'},
      table(['Timescale', 'Team', ...COLUMNS.map(c => c[1])], rows, 2),
      el('div', {}, timelinessChart(report.timeliness), legend()))
  ];
}

function overdueSection(report, teamName) {
  return [
    el('h3', {}, `Overdue now (${report.overdue.length})`),
    table(['Child', 'Work', 'With', 'Team', 'Due', 'Days overdue'], report.overdue.map(o =>
      el('tr', {'data-overdue': o.childId},
        childCell(o), cell(o.task, 'overdue.task'),
        cell(o.personName || o.person || 'Not yet claimed', 'overdue.person'), cell(teamName(o.team)),
        cell(dayFirst(o.due)), cell(o.daysOverdue, 'overdue.days', true))), 5)
  ];
}

function outcomesSection(report) {
  const outcomes = report.outcomes;
  return [
    el('h3', {}, 'Outcomes and returns to care'),
    el('div', {class: 'ro-columns'},
      el('div', {},
        el('p', {class: 'ro-note'}, `Cases that ended in the period: ${outcomes.ended}`),
        table(['Outcome', 'Cases'], Object.entries(outcomes.byOutcome).map(([code, count]) =>
          el('tr', {}, cell(OUTCOMES[code] || code), cell(count, `outcome.${code}`, true))), 1)),
      el('div', {},
        el('p', {class: 'ro-note'}, `Children who went home in the period: ${outcomes.returnedHome}; back in care so far: ${outcomes.backInCareSoFar}. ` +
          'Each window counts a child only once they have been home that long.'),
        table(['Back in care within', 'Home that long', 'Back in care', '%'], outcomes.returnsToCare.map(r =>
          el('tr', {'data-window': r.months}, cell(`${r.months} months`), cell(r.followedUp, `returns.${r.months}.followedUp`, true),
            cell(r.backInCare, `returns.${r.months}.backInCare`, true), cautiousPercent(r.percent, r.followedUp, `returns.${r.months}.percent`))), 1)))
  ];
}

function pounds(value) {
  return value === null || value === undefined ? null : POUNDS.format(value);
}

function costsSection(report) {
  const costs = report.costs;
  if (!costs) {
    return [];
  }
  const unit = costs.unitCosts;
  return [
    el('h3', {}, 'Costs (estimates)'),
    el('p', {class: 'ro-note'}, 'Estimates, not accounts: the period\'s counts at average unit costs. ' +
      'Children back in care on a day in the period, at the cost of a return to care; families supported when a ' +
      'child went home in the period, at the cost of that support.'),
    table(['Figure', 'Children', 'Unit cost', 'Estimated cost'], [
      el('tr', {}, cell('Returns to care'), cell(costs.returnsToCare, 'costs.returnsToCare', true),
        cell(pounds(unit.returnToCare), 'costs.unitCosts.returnToCare', true),
        cell(pounds(costs.costOfReturnsToCare), 'costs.costOfReturnsToCare', true)),
      el('tr', {}, cell('Families supported home'), cell(costs.familiesSupported, 'costs.familiesSupported', true),
        cell(pounds(unit.supportPerFamily), 'costs.unitCosts.supportPerFamily', true),
        cell(pounds(costs.costOfSupport), 'costs.costOfSupport', true)),
      el('tr', {}, cell('Returns sustained (a year at home after closure)'),
        cell(costs.returnsSustained, 'costs.returnsSustained', true), cell(''), cell(''))
    ], 1),
    el('p', {class: 'ro-note'}, 'Unit costs from: ', el('span', {'data-figure': 'costs.unitCosts.source'}, unit.source)),
    el('p', {class: 'ro-note'}, unit.setBy ? `Set by ${unit.setBy} on ${unit.setAt.substring(0, 10)}.` :
      'The defaults: no administrator has set them.')
  ];
}

function afterClosureSection(report) {
  const outcomes = report.outcomes;
  const after = outcomes.afterClosure || {};
  const rows = [
    ['Cases closed in the period with the child at home', after.closed, 'afterClosure.closed'],
    ['In their follow-up year now', after.inFollowUp, 'afterClosure.inFollowUp'],
    ['Of those closed, back in care within the year', after.backInCare, 'afterClosure.backInCare'],
    ['Of those closed, at home at the year\'s end', after.sustained, 'afterClosure.sustained'],
    ['Line managers\' check-ins done in the period', after.checkInsDone, 'afterClosure.checkInsDone'],
    ['Check-ins open now', after.checkInsOpen, 'afterClosure.checkInsOpen'],
    ['Children back in care on a day in the period (open or closed cases)', outcomes.backInCareInPeriod,
      'outcomes.backInCareInPeriod'],
    ['Follow-up years that ended in the period with the child at home', outcomes.sustainedInPeriod,
      'outcomes.sustainedInPeriod']
  ];
  return [
    el('h3', {}, 'After closure'),
    el('p', {class: 'ro-note'}, 'The year after a case closes with the child at home.'),
    table(['Figure', 'Children'], rows.map(([label, value, figure]) =>
      el('tr', {}, cell(label), cell(value, figure, true))), 1)
  ];
}

function downloads(report) {
  const period = new URLSearchParams({from: report.period.from, to: report.period.to});
  return el('p', {class: 'ro-downloads'}, 'Download for this period: ',
    el('a', {href: `/api/oversight.csv?${period}`, download: '', 'data-download': 'figures'}, 'the figures (CSV)'),
    el('a', {href: `/api/oversight/overdue.csv?${period}`, download: '', 'data-download': 'overdue'},
      'the overdue list (CSV)'));
}

function caseloadSection(report, teamName) {
  const caseload = report.caseload;
  const stages = Object.keys(caseload.stageLabels).filter(stage =>
    Object.values(caseload.byTeam).some(counts => counts[stage]));
  const teams = Object.keys(caseload.byTeam);
  return [
    el('h3', {}, `Open caseload (${caseload.open})`),
    el('div', {class: 'ro-columns'},
      table(['Stage', ...teams.map(teamName), 'All'], stages.map(stage => el('tr', {},
        cell(caseload.stageLabels[stage]),
        teams.map(team => cell(caseload.byTeam[team][stage] || 0, `caseload.${team}.${stage}`, true)),
        cell(caseload.byStage[stage] || 0, `caseload.${stage}`, true))), 1),
      table(['Social worker', 'Team', 'Open cases'], caseload.byWorker.map(w => el('tr', {'data-worker': w.worker},
        cell(w.name || w.worker), cell(teamName(w.team)), cell(w.open, `worker.${w.worker}`, true))), 2))
  ];
}

function render(container, report) {
  const names = Object.assign({}, report.caseload.teamNames);
  const teamName = team => names[team] || team;
  container.replaceChildren(
    downloads(report),
    ...timelinessSection(report, teamName),
    ...overdueSection(report, teamName),
    ...outcomesSection(report),
    el('div', {class: 'ro-columns'},
      el('div', {}, ...afterClosureSection(report)),
      el('div', {class: 'ro-costs'}, ...costsSection(report))),
    ...caseloadSection(report, teamName));
}

async function load(container, from, to) {
  container.replaceChildren(el('p', {class: 'ro-note'}, 'Loading the figures…'));
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  try {
    const answer = await fetch(`/api/oversight?${query}`, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      container.replaceChildren(el('p', {class: 'ro-error'}, body.message || `The figures could not be loaded (${answer.status}).`));
      return null;
    }
    render(container, body);
    return body;
  } catch (error) {
    container.replaceChildren(el('p', {class: 'ro-error'}, `The figures could not be loaded: ${error.message}`));
    return null;
  }
}

export default {
  id: 'reunification-oversight',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  properties: {label: 'Returns home: oversight'},
  render: node => {
    // text fields read day first (a date input is drawn in the browser's language: mm/dd/yyyy in en-US)
    const dateField = (name, label) => el('input', {type: 'text', class: 'form-control input-sm', name,
      'aria-label': label, placeholder: 'dd/mm/yyyy', inputmode: 'numeric', autocomplete: 'off'});
    const from = dateField('from', 'Period from (dd/mm/yyyy)');
    const to = dateField('to', 'Period to (dd/mm/yyyy)');
    const show = el('button', {type: 'button', class: 'btn btn-default btn-sm'}, 'Show');
    const refused = el('p', {class: 'ro-error', role: 'alert', 'data-period-refused': ''});
    const figures = el('div', {class: 'ro-figures'});
    const root = el('section', {class: 'reunification-oversight', 'data-plugin': 'reunification-oversight'},
      el('style', {}, STYLE),
      el('h1', {class: 'section-title'}, 'Returns home: oversight'),
      el('p', {class: 'ro-note'}, 'Whether children who went home are seen and reviewed on time, and whether their returns last: the cases you may see.'),
      el('div', {class: 'ro-period'}, el('label', {}, 'Period from'), from, el('label', {}, 'to'), to, show),
      refused,
      figures);
    node.append(root);
    const showPeriod = report => {
      if (report) {
        from.value = dayFirst(report.period.from);
        to.value = dayFirst(report.period.to);
      }
    };
    load(figures).then(showPeriod);
    show.addEventListener('click', () => {
      const read = [from, to].map(field => ({field, ...readDayFirst(field.value)}));
      const wrong = read.find(r => r.refusal);
      refused.textContent = wrong ? `${wrong.field.getAttribute('aria-label')}: ${wrong.refusal}` : '';
      read.forEach(r => r.field.setAttribute('aria-invalid', r.refusal ? 'true' : 'false'));
      if (wrong) {
        wrong.field.focus();
        return;
      }
      const iso = r => r.date ? r.date.toISOString().slice(0, 10) : '';
      load(figures, iso(read[0]), iso(read[1])).then(showPeriod);
    });
  }
};
