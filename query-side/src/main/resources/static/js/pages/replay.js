// Rebuilding read models from the events (admin): start a rebuild, follow its progress to 100%, and compare the
// content hashes of the rebuilt views (the same events always give the same read models).

import { postQuerySide, query } from '../api.js';
import { $, clear, errorNotice, formatDateTime, h, notice, plural, table, time } from '../dom.js';
import { run } from '../shell.js';

const READ_MODELS = [
  ['all', 'every read model, in one pass'],
  ['agenda', 'agenda'],
  ['participation', 'participation'],
  ['audit-trail', 'audit trail'],
  ['coverage', 'coverage'],
  ['audit-log', 'audit log'],
  ['participants', 'participant directory'],
  ['session-feedback', 'session feedback'],
];
/** Rows per page of the parked events and rebuilds; "Show more" asks for the next page. */
const PAGE = 20;
const RESOLVED_PAGE = 20;
const STATE_WORDS = { RUNNING: 'rebuilding', SWITCHING: 'switching over', COMPLETED: 'completed', FAILED: 'failed' };

run('replay', async ({ can }) => {
  const main = $('main');
  if (!can.rebuild) {
    clear(main, h('h1', {}, 'Rebuild the views from the events'),
      notice('info', 'Rebuilding needs the admin role. Every view in this tracker is built from the event store and can be ',
        'rebuilt from it at any time; an admin starts a rebuild here and follows it to the end.'));
    return;
  }
  const progress = h('section', { id: 'replay-progress', 'aria-labelledby': 'progress-heading' });
  const history = h('section', { 'aria-labelledby': 'history-heading' });
  const parked = h('section', { id: 'parked-events', 'aria-labelledby': 'parked-heading' });
  const message = h('div', { 'aria-live': 'polite' });
  const select = h('select', { id: 'read-model', name: 'readModel' }, READ_MODELS.map(([id, label]) => h('option', { value: id }, label)));
  const form = h('form', { class: 'card stack', id: 'replay-form' },
    message,
    h('div', { class: 'field' }, h('label', { for: 'read-model' }, 'Rebuild'), select,
      h('span', { class: 'hint' }, 'The views keep answering from the current data while the new one is built; they switch over at the end.')),
    h('div', {}, h('button', { type: 'submit', id: 'start-replay' }, 'Start the rebuild')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    clear(message);
    try {
      const status = await postQuerySide('/api/replays', { readModel: select.value });
      await follow(status, progress);
      await drawHistory(history);
      await drawParked(parked, progress, history);
    } catch (e) {
      clear(message, errorNotice(e, 'The rebuild did not start'));
    } finally {
      button.disabled = false;
    }
  });
  clear(main,
    h('h1', {}, 'Rebuild the views from the events'),
    h('p', { class: 'lede' }, 'A rebuild reads every event from the start of the store and builds the chosen read models again, ',
      'into a new generation. Its content hash can be compared with the one before: the same events give the same views.'),
    parked, form, progress, history);
  await Promise.all([drawHistory(history), drawParked(parked, progress, history)]);
});

const READ_MODEL_WORDS = Object.fromEntries(READ_MODELS.slice(1));

/**
 * Events a read model could not apply. Each is either parked (its projection failed; the error is shown) or held
 * behind a parked event of the same sequence, so the order of what it shows is kept. Retry rebuilds the read model
 * (every parked event whose cause is fixed is then applied); evict leaves the event out of that view for good. Both
 * need a reason, which is kept with the event.
 */
async function drawParked(container, progress, history) {
  let current;
  let resolved;
  try {
    [current, resolved] = await Promise.all([query('/api/parked-events', { size: PAGE }),
      query('/api/parked-events/resolved', { size: RESOLVED_PAGE })]);
  } catch (e) {
    clear(container, h('h2', { id: 'parked-heading' }, 'Events the views could not apply'),
      errorNotice(e, 'The parked events could not be loaded'));
    return;
  }
  const total = Object.values(current.counts).reduce((sum, n) => sum + n, 0);
  const message = h('div', { 'aria-live': 'polite' });
  const act = async (event, action, reason) => {
    clear(message);
    try {
      const path = `/api/parked-events/${encodeURIComponent(event.id)}/${action === 'retry' ? 'retry' : 'eviction'}`;
      const result = await postQuerySide(path, { reason });
      await follow(result.rebuild, progress);
      await Promise.all([drawHistory(history), drawParked(container, progress, history)]);
    } catch (e) {
      clear(message, errorNotice(e, action === 'retry' ? 'The retry did not start' : 'The eviction was not recorded'));
    }
  };
  const held = h('div', {});
  const ended = h('div', {});
  clear(container,
    h('h2', { id: 'parked-heading' }, 'Events the views could not apply'),
    total === 0
      ? notice('ok', 'Every event is applied: no view holds anything back.')
      : notice('warn', `${plural(total, 'event')} held back: `,
        Object.entries(current.counts).filter(([, n]) => n > 0)
          .map(([model, n]) => `${READ_MODEL_WORDS[model] || model} ${n}`).join(', '),
        '. The views show everything else. Health reports DEGRADED until each is retried or evicted.'),
    message,
    held,
    h('h3', {}, 'How held-back events ended'),
    ended);
  paged(held, current.events, current.next, 'Show more held-back events',
    after => query('/api/parked-events', { after, size: PAGE }).then(page => [page.events, page.next]),
    events => (events.length ? table([
      { label: 'View', value: e => READ_MODEL_WORDS[e.readModel] || e.readModel },
      { label: 'Position', value: e => e.position, num: true },
      { label: 'Event', value: e => h('span', {}, e.eventType, h('br'), h('span', { class: 'muted small' }, e.aggregateId || '')) },
      { label: 'Why', value: e => e.status === 'PARKED'
        ? h('span', {}, h('strong', {}, 'could not be applied: '), h('code', { class: 'small' }, shortError(e)))
        : `held behind position ${e.heldBehind}, to keep the order of ${e.sequence}` },
      { label: 'Since', value: e => time(e.parkedAt) },
      { label: 'Asked', value: e => e.requests.length ? h('ul', { class: 'small' }, e.requests.map(r =>
        h('li', {}, `${r.action === 'RETRY' ? 'retry' : 'eviction'} by ${r.by}, ${formatDateTime(r.at)}: ${r.reason}`))) : '—' },
      { label: 'Retry or evict', value: e => actions(e, act) },
    ], events, { caption: 'Events held back, by view, in the order they were held back' }) : null));
  paged(ended, resolved.events, resolved.next, 'Show earlier outcomes',
    after => query('/api/parked-events/resolved', { after, size: RESOLVED_PAGE }).then(page => [page.events, page.next]),
    events => (events.length ? table([
      { label: 'View', value: r => READ_MODEL_WORDS[r.event.readModel] || r.event.readModel },
      { label: 'Position', value: r => r.event.position, num: true },
      { label: 'Event', value: r => r.event.eventType },
      { label: 'Outcome', value: r => r.outcome },
      { label: 'When', value: r => time(r.resolvedAt) },
    ], events, { caption: `Resolved events, newest first (${plural(resolved.totalResolved, 'event')} in all)` })
      : h('p', { class: 'muted' }, 'None yet.')));
}

/**
 * Draws a list page by page: `rows` so far and, while the server says there is more (`next`), a button that fetches
 * the next page (`load(after)` resolves to [rows, next]) and draws the longer list. A failed page is shown, and the
 * rows already drawn stay.
 */
function paged(container, rows, next, moreLabel, load, draw) {
  const error = h('div', { 'aria-live': 'polite' });
  const more = next === null || next === undefined ? null : h('button', {
    type: 'button', class: 'secondary',
    onclick: async () => {
      more.disabled = true;
      try {
        const [page, following] = await load(next);
        paged(container, [...rows, ...page], following, moreLabel, load, draw);
      } catch (e) {
        more.disabled = false;
        clear(error, errorNotice(e, 'The next page could not be loaded'));
      }
    },
  }, moreLabel);
  clear(container, draw(rows), error, more ? h('p', {}, more) : null);
}

function actions(event, act) {
  const id = `reason-${event.id.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const reason = h('input', { id, type: 'text', maxlength: 2000, required: true, placeholder: 'Reason (kept with it)' });
  const retry = h('button', { type: 'submit', value: 'retry' }, 'Retry');
  const evict = h('button', { type: 'submit', value: 'evict', class: 'secondary' }, 'Evict');
  const form = h('form', { class: 'parked-actions small' },
    h('label', { for: id, class: 'visually-hidden' }, `Reason to retry or evict the event at position ${event.position}`),
    reason, h('div', {}, retry, ' ', evict));
  form.addEventListener('submit', async submitted => {
    submitted.preventDefault();
    const action = submitted.submitter?.value || 'retry';
    if (action === 'evict' && !confirm(`Leave the event at position ${event.position} out of this view for good?`)) {
      return;
    }
    [retry, evict].forEach(button => { button.disabled = true; });
    await act(event, action, reason.value.trim());
    [retry, evict].forEach(button => { button.disabled = false; });
  });
  return form;
}

function shortError(event) {
  const type = (event.errorType || '').split('.').pop();
  const text = event.error || '';
  return `${type}${text ? `: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}` : ''}`;
}

async function follow(status, container) {
  let current = status;
  for (;;) {
    drawProgress(container, current);
    if (current.state === 'COMPLETED' || current.state === 'FAILED') return current;
    await new Promise(resolve => setTimeout(resolve, 400));
    current = await query(`/api/replays/${encodeURIComponent(current.id)}`);
  }
}

function drawProgress(container, s) {
  const percent = s.state === 'COMPLETED' ? 100 : Math.min(99, Math.floor((s.progress || 0) * 100));
  clear(container,
    h('h2', { id: 'progress-heading' }, `Rebuilding ${s.readModels.join(', ')}`),
    h('div', {
      class: 'progress', role: 'progressbar', id: 'replay-bar', 'aria-valuemin': 0, 'aria-valuemax': 100,
      'aria-valuenow': percent, 'aria-label': 'Rebuild progress', dataset: { state: s.state },
    }, h('div', { class: 'fill', style: `width:${percent}%` })),
    h('p', { class: 'progress-label', id: 'replay-percent' },
      h('strong', {}, `${percent}%`), ` — ${stateWords(s)}; `,
      `${plural(s.eventsApplied, 'event')} applied, position ${s.position} of ${s.headPosition}`,
      s.eventsPerSecond ? `, ${Math.round(s.eventsPerSecond)} events a second` : '',
      s.etaSeconds != null && s.state === 'RUNNING' ? `, about ${plural(s.etaSeconds, 'second')} left` : ''),
    s.state === 'FAILED' ? notice('error', `The rebuild failed: ${s.error || 'no reason given'}. The views kept serving the previous data.`) : null,
    s.state === 'COMPLETED' ? notice('ok', `The views serve the rebuilt data since ${formatDateTime(s.switchedAt)}. `
      + `Completed at ${formatDateTime(s.finishedAt)}, once the previous data was dropped and the content hashed.`) : null,
    s.state === 'COMPLETED' ? hashes(s) : null);
}

/** After the switch the rebuilt data is already served; what is left is dropping the old data and hashing the new. */
function stateWords(s) {
  if (s.state === 'SWITCHING' && s.switchedAt) {
    return 'serving the rebuilt data, computing its content hash';
  }
  return STATE_WORDS[s.state] || s.state;
}

function hashes(s) {
  const rows = Object.entries(s.contentHashes || {}).map(([model, hash]) => ({
    model, hash, generation: s.generations?.[model], replaced: s.replacedGenerations?.[model],
  }));
  return table([
    { label: 'Read model', value: r => r.model },
    { label: 'Generation', value: r => `${r.replaced ?? '—'} → ${r.generation ?? '—'}` },
    { label: 'Content hash (SHA-256)', value: r => h('code', { class: 'small' }, r.hash) },
  ], rows, { caption: 'Content hashes of the rebuilt read models' });
}

async function drawHistory(container) {
  try {
    const first = await query('/api/replays', { size: PAGE });
    const heading = h('h2', { id: 'history-heading' }, 'Rebuilds since the service started');
    const list = h('div', {});
    clear(container, heading, list);
    paged(list, first.replays, first.next, 'Show earlier rebuilds',
      after => query('/api/replays', { after, size: PAGE }).then(page => [page.replays, page.next]),
      all => (all.length ? table([
        { label: 'Started', value: r => time(r.startedAt) },
        { label: 'Read models', value: r => r.readModels.join(', ') },
        { label: 'State', value: r => STATE_WORDS[r.state] || r.state },
        { label: 'Events', value: r => r.eventsApplied, num: true },
        { label: 'Finished', value: r => time(r.finishedAt) },
      ], all, { caption: 'Rebuilds' }) : h('p', { class: 'muted' }, 'None yet.')));
  } catch (e) {
    clear(container, errorNotice(e, 'The list of rebuilds could not be loaded'));
  }
}
