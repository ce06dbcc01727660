// Dates day first (dd/mm/yyyy) in Camunda Forms, whatever the browser's language. Camunda Forms
// (form-js 1.8.7, bundled in Tasklist) takes the date field's format and placeholder from the
// browser's default locale (Intl.DateTimeFormat('default')): an en-US browser, and headless
// Chromium, read "01/12/2026" as 12 January. This script answers that one question with en-GB, so
// the date fields a process owner draws in Modeler stay ordinary date fields, typed and shown day
// first and still stored as ISO dates (yyyy-mm-dd).
//
// What is typed is read strictly before Camunda Forms sees it: day/month/year with a four-digit
// year (or an ISO date). Anything else, or a day that does not exist, is refused under the field
// with what was read, and the form is not submitted; a date that is read is confirmed in words.

const NativeDateTimeFormat = Intl.DateTimeFormat;
function DayFirstDateTimeFormat(locales, options) {
  return new NativeDateTimeFormat(locales === 'default' ? 'en-GB' : locales, options);
}
DayFirstDateTimeFormat.prototype = NativeDateTimeFormat.prototype;
DayFirstDateTimeFormat.supportedLocalesOf = NativeDateTimeFormat.supportedLocalesOf;
Intl.DateTimeFormat = DayFirstDateTimeFormat;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EXAMPLE = 'for example 28/11/2026';

/** What the text says as a date: {date} or {refusal}; empty text is left to the form's "required". */
export function readDayFirst(text) {
  const typed = text.trim();
  if (!typed) {
    return {};
  }
  let day, month, year;
  const dayFirst = typed.match(/^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d+)$/);
  const iso = typed.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (iso) {
    [year, month, day] = iso.slice(1).map(Number);
  } else if (dayFirst) {
    [day, month] = dayFirst.slice(1, 3).map(Number);
    if (dayFirst[3].length !== 4) {
      return {refusal: `"${typed}" was read as day ${day}, month ${month}, but the year "${dayFirst[3]}" is not`
        + ` clear: type the year in full, ${EXAMPLE}.`};
    }
    year = Number(dayFirst[3]);
  } else {
    return {refusal: `"${typed}" could not be read as a date: type the day, month and year as dd/mm/yyyy, ${EXAMPLE}.`};
  }
  if (month < 1 || month > 12) {
    return {refusal: `"${typed}" was read as day ${day} of month ${month}: there is no month ${month}.`
      + ` Type the day first, then the month, ${EXAMPLE}.`};
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (day < 1 || date.getUTCMonth() !== month - 1) {
    return {refusal: `"${typed}" was read as day ${day} of ${MONTHS[month - 1]} ${year}: ${MONTHS[month - 1]}`
      + ` ${year} has no day ${day}. Type the day first, then the month, ${EXAMPLE}.`};
  }
  return {date, text: `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`,
    words: `${WEEKDAYS[date.getUTCDay()]} ${day} ${MONTHS[month - 1]} ${year}`};
}

function noteFor(input) {
  const field = input.closest('.fjs-form-field') || input.parentElement;
  let note = field.querySelector('[data-reunification-date-note]');
  if (!note) {
    note = document.createElement('div');
    note.setAttribute('data-reunification-date-note', '');
    note.id = `${input.id || 'date'}-read-as`;
    note.setAttribute('aria-live', 'polite');
    field.append(note);
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${note.id}`.trim());
  }
  return note;
}

/** Reads the field; answers false (and says why) when the text is not a date. */
function check(input) {
  const read = readDayFirst(input.value);
  const note = noteFor(input);
  note.className = read.refusal ? 'fjs-form-field-error reunification-date-refused' : 'reunification-date-read';
  note.textContent = read.refusal || (read.date ? `Read as ${read.words}.` : '');
  input.setAttribute('aria-invalid', read.refusal ? 'true' : 'false');
  if (read.text) {
    input.value = read.text;
  }
  if (read.refusal && input._flatpickr) {
    // an open calendar would read the text itself at the next click anywhere (31/02 as 3 March)
    input._flatpickr.close();
  }
  return !read.refusal;
}

// the field's own input; flatpickr's calendar (drawn inside the field) has a year input of its own
const DATE_INPUT = '.fjs-datepicker input.fjs-input';

function isDateInput(target) {
  return target instanceof HTMLInputElement && target.matches(DATE_INPUT);
}

// Capture phase: the reading comes before Camunda Forms' and flatpickr's own listeners, which a
// refused text never reaches.
document.addEventListener('blur', event => {
  if (isDateInput(event.target) && !check(event.target)) {
    event.stopImmediatePropagation();
  }
}, true);
// flatpickr reads the text on a mousedown anywhere else, before the blur: so the reading comes first here too
document.addEventListener('mousedown', event => {
  const typing = document.activeElement;
  if (isDateInput(typing) && event.target !== typing && !check(typing)) {
    event.stopImmediatePropagation();
  }
}, true);
document.addEventListener('keydown', event => {
  if (event.key === 'Enter' && isDateInput(event.target) && !check(event.target)) {
    event.stopImmediatePropagation();
    event.preventDefault();
  }
}, true);
// A form with a refused date is not submitted: Tasklist's Complete and Start buttons are held back.
document.addEventListener('click', event => {
  const button = event.target instanceof Element && event.target.closest('button');
  if (!button || !/^(Complete|Start)$/.test(button.textContent.trim())) {
    return;
  }
  const refused = [...document.querySelectorAll(DATE_INPUT)].filter(input => !check(input));
  if (refused.length) {
    event.stopImmediatePropagation();
    event.preventDefault();
    refused[0].focus();
    // focus opens the calendar (Camunda Forms): closed again, so that it never reads the refused text
    setTimeout(() => refused[0]._flatpickr && refused[0]._flatpickr.close(), 0);
  }
}, true);

const style = document.createElement('style');
style.setAttribute('data-reunification', 'dates');
style.textContent = '.reunification-date-read { color: #333; font-size: 13px; margin-top: 4px; }\n'
  + '.reunification-date-refused { color: #b5152b; font-size: 13px; margin-top: 4px; }';
document.head.append(style);

export default [];
