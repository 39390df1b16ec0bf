// What the review team's pages (themes, writing) share: choosing the report, writing through the command API with
// the API's field problems shown next to the fields, and waiting until the read model shows a write.

import { command, query } from './api.js';
import { clear, errorNotice, h, notice, plural } from './dom.js';

/** The reports of the session's consultation and the one chosen (address `report=`, else the latest started). */
export async function loadReports(agendaId, wanted) {
  const agenda = await query(`/api/agendas/${encodeURIComponent(agendaId)}`);
  const reports = agenda.consultationId ? await query('/api/reports', { consultationId: agenda.consultationId }) : [];
  const report = reports.find(r => r.reportId === wanted) || reports[reports.length - 1] || null;
  return { agenda, reports, report };
}

/** Choosing another report reloads the page with it in the address. */
export function reportPicker(reports, report) {
  if (reports.length < 2) return report ? h('p', { class: 'muted', id: 'report-shown' }, `Report: ${report.title || report.reportId}`) : null;
  return h('div', { class: 'field', style: 'max-width:28rem' },
    h('label', { for: 'report-select' }, 'Report'),
    h('select', {
      id: 'report-select',
      onchange: event => {
        const url = new URL(location.href);
        url.searchParams.set('report', event.target.value);
        url.hash = '';
        location.assign(url);
      },
    }, reports.map(r => h('option', { value: r.reportId, selected: r.reportId === report?.reportId },
      `${r.title || r.reportId} (${plural(r.sections, 'section')}, ${plural(r.themes, 'theme')})`))));
}

/** Clears the field problems a form shows. */
export function clearFieldErrors(form) {
  form.querySelectorAll('.field-error').forEach(e => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach(e => {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  });
}

/**
 * Puts each field problem of an API answer ({field, message}) next to its control: `fields` maps the API's field
 * names (or prefixes, "citations") to controls. Returns the problems no control took, for the form's message area.
 */
export function showFieldErrors(form, error, fields) {
  const left = [];
  for (const problem of error?.problem?.errors || []) {
    const key = Object.keys(fields).find(name => problem.field === name || problem.field?.startsWith(`${name}[`) || problem.field?.startsWith(`${name}.`));
    const control = key ? fields[key] : null;
    if (!control) {
      left.push(problem);
      continue;
    }
    const id = `${control.id || key}-error-${Math.random().toString(36).slice(2, 8)}`;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', id);
    control.insertAdjacentElement('afterend', h('span', { class: 'field-error', id }, `${problem.field}: ${problem.message}`));
  }
  return left;
}

/**
 * Sends a write, shows the outcome in `message`; field problems go next to their fields. Waits (up to ~7 s) until
 * `settled(result)` says the read model shows the write. Resolves to the command's answer, or null when refused.
 */
export async function write(message, form, fields, what, send, settled = async () => true) {
  if (form) clearFieldErrors(form);
  clear(message, notice('info', `${what}…`));
  try {
    const result = await send();
    for (let i = 0; i < 30 && !(await settled(result)); i++) await new Promise(resolve => setTimeout(resolve, 250));
    clear(message, notice('ok', `${what}: done.`));
    return result;
  } catch (e) {
    const left = form ? showFieldErrors(form, e, fields) : (e.problem?.errors || []);
    const shown = e.problem?.errors?.length && !left.length;
    clear(message, shown ? notice('error', h('strong', {}, `${what} refused: `), 'see the fields marked below.')
      : errorNotice(e, `${what} failed`));
    form?.querySelector('[aria-invalid="true"]')?.focus();
    return null;
  }
}

/** Starts a report for the consultation (facilitators and admins), then reloads the page on it. */
export function startReportForm(consultationId) {
  const message = h('div', { 'aria-live': 'polite' });
  const title = h('input', { id: 'report-title', name: 'title', required: true, placeholder: 'e.g. What we heard' });
  const form = h('form', { class: 'card stack', id: 'start-report', dataset: { write: 'true' } },
    h('h2', { class: 'flush-top' }, 'Start the report'),
    h('p', { class: 'muted' }, 'A report gathers the themes, the sections written from the voices, and every published version.'),
    message,
    h('div', { class: 'field' }, h('label', { for: 'report-title' }, 'Title'), title),
    h('div', {}, h('button', { type: 'submit' }, 'Start the report')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const started = await write(message, form, { title }, 'Starting the report',
      () => command('POST', '/api/reports', { consultationId, title: title.value.trim() }),
      async ({ reportId }) => (await query('/api/reports', { consultationId })).some(r => r.reportId === reportId));
    if (started) {
      const url = new URL(location.href);
      url.searchParams.set('report', started.reportId);
      location.assign(url);
    }
  });
  return form;
}

/** A key point's words as coverage shows them (never an erased person's words), with kind and voice. */
export function keyPointLabel(keyPoint) {
  if (!keyPoint) return 'unknown key point';
  const text = keyPoint.text;
  const said = !text ? 'no words recorded' : text.withdrawn ? 'words withdrawn at the speaker’s request'
    : text.sealed ? 'words held encrypted for the speaker' : text.plain;
  return `${said} — ${keyPoint.voice || 'anonymous'}`;
}
