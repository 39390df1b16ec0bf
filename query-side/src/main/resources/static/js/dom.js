// Small DOM helpers. Text from the records is always inserted as text nodes, never as HTML.

/**
 * h('a', {href: '#', class: 'x', onclick: fn, dataset: {id: 1}}, 'text', childNode, [more, children])
 * Attributes that are null, undefined or false are left out.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'style') {
      // Through the CSSOM: the Content-Security-Policy refuses style attributes (style-src without 'unsafe-inline').
      element.style.cssText = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export const $ = (selector, root = document) => root.querySelector(selector);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function formatDateTime(instant) {
  return instant ? dateTime.format(new Date(instant)) : '—';
}

export function formatTime(instant) {
  return instant ? timeOnly.format(new Date(instant)) : '—';
}

export function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

/** A <time> element with the full instant as its machine-readable value and tooltip. */
export function time(instant, format = formatDateTime) {
  if (!instant) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: instant, title: new Date(instant).toISOString() }, format(instant));
}

export const KINDS = ['PROBLEM', 'SOLUTION', 'RECOMMENDATION', 'QUESTION', 'OBSERVATION'];

export const KIND_LABELS = {
  PROBLEM: 'Problems', SOLUTION: 'Solutions', RECOMMENDATION: 'Recommendations', QUESTION: 'Questions',
  OBSERVATION: 'Observations',
};

export const KIND_WORD = {
  PROBLEM: 'problem', SOLUTION: 'solution', RECOMMENDATION: 'recommendation', QUESTION: 'question',
  OBSERVATION: 'observation',
};

export const FATE_LABELS = {
  CITED: 'cited in the report', CITED_WITH_CONVERSATION: 'cited with its whole conversation',
  SUMMARISED: 'in a summary only', NOT_YET_HANDLED: 'not yet handled', RETRACTED: 'retracted',
};

export function kindChip(kind) {
  return h('span', { class: `chip kind-${kind}` }, KIND_WORD[kind] || kind.toLowerCase());
}

export function fateChip(fate, detail) {
  return h('span', { class: `chip fate-${fate}`, title: detail || null }, FATE_LABELS[fate] || fate);
}

/** Words as the query side can show them: plain, sealed for the speaker, or withdrawn at erasure. */
export function words(text, { quote = false } = {}) {
  if (!text) return h('span', { class: 'sealed' }, 'no words recorded');
  if (text.withdrawn) return h('span', { class: 'sealed' }, 'words withdrawn at the speaker’s request');
  if (text.sealed) return h('span', { class: 'sealed' }, 'words held encrypted for the speaker (not readable here)');
  return quote ? h('span', { class: 'quoted' }, text.plain) : text.plain;
}

export function notice(kind, ...children) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null }, ...children);
}

export function errorNotice(error, what = 'This could not be loaded') {
  const lines = error?.fieldErrors?.length ? error.fieldErrors : [];
  return notice('error', h('strong', {}, `${what}: `), error?.message || String(error),
                lines.length ? h('ul', {}, lines.map(line => h('li', {}, line))) : null);
}

/** A table from column definitions: [{label, value: row => node|string, num: bool}]. */
export function table(columns, rows, { caption, rowClass } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map(row => h('tr', { class: rowClass ? rowClass(row) : null },
        columns.map(c => h('td', { class: c.num ? 'num' : null }, c.value(row))))))));
}

/** Shortens long questions for chart axes; the full text stays in tooltips and tables. */
export function shorten(text, max = 48) {
  if (!text) return '';
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function params() {
  return new URLSearchParams(location.search);
}

/** For the few places that build HTML strings (ECharts tooltips). */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, ch => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch]));
}
