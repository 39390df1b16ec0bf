// The audit log: every event with who did it and when (said and recorded), filtered and paged by position. The
// filters and the page's starting position ('after') live in the address, so a filtered view can be bookmarked or sent
// to a colleague. "Later" asks after the page's 'next'; "Earlier" goes back through the positions this visit has
// paged from (a stack: the log is read forwards only).

import { download, query } from '../api.js';
import { $, clear, errorNotice, h, notice, params, plural, table, time } from '../dom.js';
import { run } from '../shell.js';

const EVENT_TYPES = {
  Consultation: ['ConsultationStarted', 'StakeholderGroupDefined', 'SessionScheduled', 'SessionFeedbackGiven'],
  Participants: ['ParticipantRegistered', 'ConsentGiven', 'ConsentWithdrawn', 'ParticipantErased'],
  Agenda: ['FramingQuestionPosed', 'GridDefined', 'ConversationProposed', 'ProposalPitched', 'ProposalsMerged',
    'ProposalClarified', 'ProposalSplit', 'ProposalWithdrawn', 'ConversationScheduled', 'ConversationMoved',
    'RoundOpened', 'RoundClosed'],
  Conversations: ['ConversationStarted', 'ParticipantJoinedConversation', 'ParticipantLeftConversation',
    'KeyPointRecorded', 'KeyPointEdited', 'KeyPointRetracted', 'ConversationSummarised', 'PlenarySummaryRecorded',
    'PlenaryContributionRecorded'],
  Report: ['ReportStarted', 'ThemeIdentified', 'KeyPointTagged', 'ReportSectionWritten', 'ReportPublished'],
  Ideas: ['IdeaSubmitted'],
};

const FILTERS = ['sessionId', 'conversationId', 'participant', 'actor', 'eventType', 'from', 'to'];
const LATE_AFTER_MS = 60 * 60 * 1000;

run('audit-log', async ({ agendas, link }) => {
  const main = $('main');
  const state = Object.fromEntries(FILTERS.map(f => [f, params().get(f) || '']));
  // Arriving from a session (the header's picker, a session's link) the log shows that session's events; a search
  // for any session says so in the address (sessionId=), so it stays one when the page is reloaded or sent on.
  if (!params().has('sessionId')) state.sessionId = params().get('session') || '';
  state.after = params().get('after') || '';
  state.earlier = [];
  state.size = Number(params().get('size') || 50);

  const results = h('div', { id: 'audit-results', 'aria-live': 'polite' });
  const form = filterForm(state, agendas, () => { state.after = ''; state.earlier = []; search(state, results, link, agendas); });
  clear(main,
    h('h1', {}, 'Audit log'),
    h('p', { class: 'lede' }, 'Every recorded event, oldest first, with who did it, when it happened in the room and when it was recorded. ',
      'The log holds ids, never words (an erasure also says who asked for it and why); participants are shown by their pseudonym, or as erased. ',
      'A session’s events include those of its conversations (key points, edits, summaries…). Times “from” and “to” bound the recorded time.'),
    form, results);
  await search(state, results, link, agendas);
});

function filterForm(state, agendas, onSubmit) {
  const input = (name, label, attributes = {}) => h('div', { class: 'field' },
    h('label', { for: `f-${name}` }, label),
    h('input', { id: `f-${name}`, name, value: state[name], autocomplete: 'off', ...attributes }));
  const localValue = iso => (iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60000).toISOString().slice(0, 16) : '');
  const form = h('form', { class: 'card', id: 'audit-filters', role: 'search' },
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'f-sessionId' }, 'Session'),
        h('select', { id: 'f-sessionId', name: 'sessionId' }, h('option', { value: '' }, 'any'),
          agendas.map(a => h('option', { value: a.agendaId, selected: a.agendaId === state.sessionId }, a.title)),
          // a session asked for by id (from the address) that is beyond the sessions listed so far
          state.sessionId && !agendas.some(a => a.agendaId === state.sessionId)
            ? h('option', { value: state.sessionId, selected: true }, state.sessionId) : null)),
      input('conversationId', 'Conversation id'),
      input('participant', 'Participant (id or pseudonym)'),
      input('actor', 'Done by (user name)', { list: 'known-actors' }),
      h('datalist', { id: 'known-actors' }, ['admin', 'facilitator', 'notetaker', 'reviewer', 'participant'].map(v => h('option', { value: v }))),
      h('div', { class: 'field' }, h('label', { for: 'f-eventType' }, 'Event type'),
        h('select', { id: 'f-eventType', name: 'eventType' }, h('option', { value: '' }, 'any'),
          Object.entries(EVENT_TYPES).map(([group, types]) => h('optgroup', { label: group },
            types.map(t => h('option', { value: t, selected: t === state.eventType }, t)))))),
      h('div', { class: 'field' }, h('label', { for: 'f-from' }, 'Recorded from'),
        h('input', { id: 'f-from', name: 'from', type: 'datetime-local', value: localValue(state.from) })),
      h('div', { class: 'field' }, h('label', { for: 'f-to' }, 'Recorded before'),
        h('input', { id: 'f-to', name: 'to', type: 'datetime-local', value: localValue(state.to) })),
      h('div', { class: 'field' }, h('label', { for: 'f-size' }, 'Per page'),
        h('select', { id: 'f-size', name: 'size' }, [25, 50, 100, 200].map(n => h('option', { value: n, selected: n === state.size }, n))))),
    h('div', { class: 'row', style: 'margin-top:0.75rem' },
      h('button', { type: 'submit' }, 'Show events'),
      h('button', { type: 'reset', class: 'secondary' }, 'Clear the filters')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    for (const f of FILTERS) {
      const value = form.elements[f].value.trim();
      state[f] = (f === 'from' || f === 'to') && value ? new Date(value).toISOString() : value;
    }
    state.size = Number(form.elements.size.value);
    onSubmit();
  });
  // A reset restores what the page was drawn with (the filters from the address); clearing means every filter empty.
  form.addEventListener('reset', () => setTimeout(() => {
    for (const f of FILTERS) form.elements[f].value = '';
    form.elements.size.value = '50';
    form.requestSubmit();
  }));
  return form;
}

async function search(state, results, link, agendas) {
  const url = new URL(location.href);
  url.search = '';
  const chosenSession = params().get('session');
  for (const f of FILTERS) if (state[f]) url.searchParams.set(f, state[f]);
  // The session chosen in the header is the default filter, so it is left out of the address (choosing another session
  // there then filters by that one); "any" and another session than the chosen one are written out.
  if (chosenSession && state.sessionId === chosenSession) url.searchParams.delete('sessionId');
  if (chosenSession && !state.sessionId) url.searchParams.set('sessionId', '');
  if (params().get('session')) url.searchParams.set('session', params().get('session'));
  if (state.after !== '') url.searchParams.set('after', state.after);
  if (state.size !== 50) url.searchParams.set('size', state.size);
  history.replaceState(null, '', url);

  clear(results, h('p', { class: 'muted' }, 'Searching…'));
  let participantId = state.participant;
  try {
    // Ids are letters, digits, '.', '_' and '-'; anything else (a space, say) is a pseudonym to look up.
    if (participantId && /[^A-Za-z0-9._-]/.test(participantId)) {
      participantId = (await query('/api/audit-trail/participants', { pseudonym: participantId })).participantId;
    }
    const filters = {
      sessionId: state.sessionId, conversationId: state.conversationId, participantId, actor: state.actor,
      eventType: state.eventType, from: state.from, to: state.to,
    };
    const paging = { size: state.size, ...(state.after !== '' ? { after: state.after } : {}) };
    const page = await query('/api/audit-log', { ...filters, ...paging });
    const later = () => { state.earlier.push(state.after); state.after = String(page.next); search(state, results, link, agendas); };
    const earlier = () => { state.after = state.earlier.pop() ?? ''; search(state, results, link, agendas); };
    const status = () => {
      const shown = page.entries.length
        ? `Events #${page.entries[0].position}–#${page.entries[page.entries.length - 1].position}`
        : (page.next != null ? 'No match among the events looked at' : 'No events match');
      const total = page.totalEntries != null ? ` of ${plural(page.totalEntries, 'event')}` : '';
      return `${shown}${page.entries.length ? total : ''}`;
    };
    const pager = () => h('nav', { class: 'pager', 'aria-label': 'Pages' },
      h('button', { type: 'button', class: 'secondary', disabled: state.after === '', onclick: earlier }, '← Earlier'),
      h('span', { class: 'page-status' }, status()),
      h('button', { type: 'button', class: 'secondary', disabled: page.next == null, onclick: later }, 'Later →'),
      h('button', {
        type: 'button', class: 'link', onclick: () => download('/api/exports/audit-log', { ...filters, ...paging },
          `audit-log-after-${state.after === '' ? 'start' : state.after}.csv`)
          .catch(e => results.prepend(errorNotice(e, 'The export failed'))),
      }, 'Download this page as CSV'));
    const partial = page.next != null && page.entries.length < page.size
      ? notice('info', 'With these filters a page stops after looking at a bounded number of events; “Later” goes on from there.')
      : null;
    clear(results, pager(), partial,
      page.entries.length ? entriesTable(page.entries, link, agendas)
        : notice('info', page.next != null ? 'No event matches among those looked at so far.' : 'No event matches these filters.'),
      page.entries.length > 15 ? pager() : null);
  } catch (e) {
    clear(results, errorNotice(e, e.status === 404 ? 'No such participant' : 'The audit log could not be searched'));
  }
}

function entriesTable(entries, link, agendas) {
  return table([
    { label: '#', value: e => e.position, num: true },
    { label: 'Event', value: e => h('span', { class: 'event-type' }, e.eventType) },
    { label: 'Done by', value: e => {
      const role = e.role?.toLowerCase().replace('_', '-');
      if (e.anonymous && !e.actor) return h('span', { class: 'muted' }, 'withheld: anonymous contribution');
      // A participant's own account is shown by the participant's pseudonym, not by the account's name.
      if (e.actorParticipant) return [person(e.actorParticipant), h('div', { class: 'small muted' }, 'as participant')];
      return [e.actor || '—', role && role !== e.actor ? h('div', { class: 'small muted' }, `as ${role}`) : null];
    } },
    { label: 'Happened', value: e => time(e.occurredAt) },
    { label: 'Recorded', value: e => [time(e.recordedAt), late(e) ? h('div', { class: 'small' }, h('span', { class: 'chip flag' }, 'recorded later')) : null] },
    { label: 'Concerns', value: e => concerns(e, link, agendas) },
  ], entries, { caption: 'Audit log entries' });
}

function late(e) {
  return e.occurredAt && e.recordedAt && new Date(e.recordedAt) - new Date(e.occurredAt) > LATE_AFTER_MS;
}

// The fields that name participants (as the audit log's participantIds): shown by pseudonym, never by id.
const PERSON_FIELDS = {
  participantId: 'participant', proposerId: 'proposer', hostId: 'host', hostIds: 'hosts', attributedTo: 'said by',
  contributorId: 'contributor', presentedBy: 'presented by', agreedBy: 'agreed by',
};

/** A participant as the views show them: the pseudonym, or that they were erased. */
function person(ref) {
  if (!ref) return h('span', { class: 'muted' }, 'unknown participant');
  return ref.erased ? h('span', { class: 'muted' }, ref.label) : h('span', { class: 'pseudonym' }, ref.label);
}

function concerns(e, link, agendas) {
  const parts = [];
  const people = new Map((e.participants || []).map(ref => [ref.participantId, ref]));
  const ids = e.ids || {};
  // The session of an event that names only its conversation (a key point, an edit, a summary…).
  if (e.sessionId && !ids.agendaId && !ids.sessionId) {
    const title = agendas.find(a => a.agendaId === e.sessionId)?.title || e.sessionId;
    parts.push(h('div', { class: 'small' }, h('span', { class: 'muted' }, 'session: '), title));
  }
  for (const [key, value] of Object.entries(ids)) {
    const values = Array.isArray(value) ? value : [value];
    const rendered = values.map((v, i) => [i ? ', ' : '', PERSON_FIELDS[key] ? person(people.get(v))
      : key === 'conversationId' ? h('a', { href: link(`conversation.html?id=${encodeURIComponent(v)}`) }, v) : v]);
    parts.push(h('div', { class: 'small' }, h('span', { class: 'muted' }, `${PERSON_FIELDS[key] || key}: `), rendered));
  }
  if (e.erasure) parts.push(erasureRequest(e.erasure));
  return parts.length ? parts : h('span', { class: 'muted' }, '—');
}

const REQUESTED_BY = {
  THE_PARTICIPANT: 'the participant, from their own account',
  ON_THEIR_BEHALF: 'staff, on the participant’s request',
  NOT_RECORDED: 'not recorded (erased before this was asked)',
};

/** Who asked for an erasure, why, and where a request made on their behalf is recorded. */
function erasureRequest(erasure) {
  const line = (label, value) => h('div', { class: 'small' }, h('span', { class: 'muted' }, `${label}: `), value);
  return [
    line('asked by', REQUESTED_BY[erasure.requestedBy] || erasure.requestedBy),
    erasure.reason ? line('reason', erasure.reason) : null,
    erasure.requestReference ? line('request recorded in', erasure.requestReference) : null,
  ];
}
