// "As of": a page shown as it stood at a past moment, by time said (when things happened, however late they were
// noted) or by time recorded (what the record held then). The moment and the basis live in the address
// (?asOf=<ISO instant>&asOfBasis=said|recorded), so a past view can be bookmarked and shared.

import { clear, formatDateTime, h, notice } from './dom.js';

const BASIS_WORDS = { said: 'by time said', recorded: 'by time recorded' };

/** The moment asked for in the address, {at, basis}, or null for now. */
export function asOfFromAddress() {
  const search = new URLSearchParams(location.search);
  const at = search.get('asOf');
  if (!at) return null;
  const basis = (search.get('asOfBasis') || 'recorded').toLowerCase();
  return { at, basis };
}

/** The query parameters for a read as of the moment (none for now). */
export function asOfParams(asOf) {
  return asOf ? { asOf: asOf.at, asOfBasis: asOf.basis } : {};
}

/** "as of 30 Nov 2026, 11:00 (by time said)". */
export function asOfWords(asOf) {
  const when = Number.isNaN(Date.parse(asOf.at)) ? asOf.at : formatDateTime(asOf.at);
  return `as of ${when} (${BASIS_WORDS[asOf.basis] || asOf.basis})`;
}

/** The banner shown while viewing the past, with the way back to now. */
export function asOfBanner(asOf, extra = null) {
  if (!asOf) return null;
  const back = new URL(location.href);
  back.searchParams.delete('asOf');
  back.searchParams.delete('asOfBasis');
  return notice('warn', h('strong', { id: 'as-of-banner' }, `Viewing the past: ${asOfWords(asOf)}. `),
    asOf.basis === 'said'
      ? 'Everything that had happened by then, including what was noted down later. '
      : 'What the record held at that moment; anything noted down later is not shown. ',
    extra, ' ', h('a', { href: back.pathname + back.search + back.hash }, 'Back to now'));
}

/** A local date-time input's value for an ISO instant ("2026-11-30T11:00"). */
function localValue(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The control: a date and time and the basis; "Show" puts them in the address and reloads. `problem` is an API error
 * to show beside the field it names (asOf or asOfBasis).
 */
export function asOfControl(asOf, problem = null) {
  const fieldError = name => {
    const error = problem?.problem?.errors?.find(e => e.field === name);
    return error ? h('span', { class: 'field-error', id: `as-of-${name}-error` }, `${name}: ${error.message}`) : null;
  };
  const basis = asOf?.basis || 'recorded';
  const form = h('form', { class: 'as-of card', id: 'as-of-form', 'aria-label': 'See this page as it stood at a moment' },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'as-of-at' }, 'As of'),
        h('input', {
          id: 'as-of-at', name: 'at', type: 'datetime-local', required: true, value: asOf ? localValue(asOf.at) : '',
          'aria-invalid': fieldError('asOf') ? 'true' : null, 'aria-describedby': fieldError('asOf') ? 'as-of-asOf-error' : null,
        })),
      h('fieldset', {}, h('legend', {}, 'By'),
        h('div', { class: 'choices' },
          h('label', {}, h('input', { type: 'radio', name: 'basis', value: 'said', checked: basis === 'said' }), ' time said (when it happened)'),
          h('label', {}, h('input', { type: 'radio', name: 'basis', value: 'recorded', checked: basis !== 'said' }), ' time recorded'))),
      h('div', { class: 'field as-of-go' }, h('span', { class: 'label-spacer', 'aria-hidden': 'true' }, ' '),
        h('button', { type: 'submit', class: 'secondary', id: 'as-of-show' }, 'Show'))),
    fieldError('asOf'), fieldError('asOfBasis'),
    problem && !fieldError('asOf') && !fieldError('asOfBasis')
      ? h('span', { class: 'field-error' }, problem.message) : null);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const value = form.at.value;
    const url = new URL(location.href);
    // A date the browser cannot read goes to the service as typed, which says what is wrong with it.
    const date = new Date(value);
    url.searchParams.set('asOf', Number.isNaN(date.getTime()) ? value : date.toISOString());
    url.searchParams.set('asOfBasis', form.basis.value);
    location.assign(url);
  });
  return form;
}

/**
 * Loads a page's data; when the moment asked for is refused (400: the API names the field) or nothing existed yet
 * (404), draws the heading, the control with the problem beside its field, and says so. Resolves to the data or null.
 */
export async function loadAsOf(main, title, asOf, loader) {
  try {
    return await loader();
  } catch (e) {
    if (!asOf || (e.status !== 400 && e.status !== 404)) throw e;
    clear(main, h('h1', {}, title), asOfControl(asOf, e.status === 400 ? e : null),
      e.status === 404 ? asOfBanner(asOf) : null,
      e.status === 404 ? notice('info', 'Nothing had been recorded for this session by then.') : null);
    return null;
  }
}
