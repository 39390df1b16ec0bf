// Facilitator screens for running a live Open Space event through the command API: set up a session, register
// people, take proposals, merge them, put them on the grid, open and close rounds, follow who is in which room and
// record key points. Note-takers see the room and key-point tools only; reviewers see no write controls at all.

import { command, query } from '../api.js';
import { $, clear, errorNotice, h, notice, plural, shorten } from '../dom.js';
import { keyPointForm } from '../keypoint-form.js';
import { hostNames, roomName } from '../records.js';
import { run } from '../shell.js';

const GROUPS = [
  ['care-experienced-young-people', 'Care-experienced young people'],
  ['care-experienced-adults', 'Care-experienced adults'],
  ['birth-parents-and-families', 'Birth parents and families'],
  ['kinship-carers-and-special-guardians', 'Kinship carers and special guardians'],
  ['foster-carers', 'Foster carers'],
  ['adoptive-parents', 'Adoptive parents'],
  ['social-workers', 'Social workers'],
  ['other-professionals', 'Other professionals'],
];
const AGE_BANDS = [['NOT_SAID', 'not said'], ['UNDER_16', 'under 16'], ['AGED_16_TO_17', '16–17'], ['AGED_18_TO_25', '18–25'], ['AGED_26_AND_OVER', '26 and over']];

run('facilitate', async context => {
  const main = $('main');
  if (!context.can.record) {
    clear(main, h('h1', {}, 'Run the event'),
      notice('info', `You are signed in as ${context.user.username}, who may read but not write. `,
        'Facilitators and note-takers use this page to record a live event.'));
    return;
  }
  const status = h('div', { id: 'facilitate-status', 'aria-live': 'polite' });
  const body = h('div', {});
  clear(main, h('h1', {}, 'Run the event'),
    h('p', { class: 'lede' }, 'Every action here is recorded as an event under your name, with the time it happened. ',
      'Nothing is overwritten: merges, edits and withdrawals keep what came before.'),
    status, body);
  const state = { ...context, status, body };
  await redraw(state);
});

/** A 404 means "not recorded yet" (a session just set up); any other failure is shown. */
const noneYet = e => (e.status === 404 ? null : Promise.reject(e));

/** The page size of the roster and consultation lists; more pages come with the "more" buttons. */
const PAGE = 100;

async function load(state) {
  const [agenda, consultations] = await Promise.all([
    state.agendaId ? query(`/api/agendas/${encodeURIComponent(state.agendaId)}`).catch(noneYet) : null,
    query('/api/consultations', { size: PAGE }),
  ]);
  const consultationId = agenda?.consultationId || consultations.consultations[0]?.consultationId;
  const roster = consultationId
    ? await query(`/api/consultations/${encodeURIComponent(consultationId)}/participants`, { size: PAGE }).catch(noneYet)
    : null;
  return { agenda, consultations, roster };
}

/** The next page of a paged list, appended to the one shown. */
async function more(path, page, key) {
  const next = await query(path, { after: page.next, size: PAGE });
  return { ...next, [key]: [...page[key], ...next[key]] };
}

async function redraw(state) {
  Object.assign(state, await load(state));
  await redrawFrom(state);
}

/** Draws the cards from what the state holds. */
async function redrawFrom(state) {
  const { agenda, can } = state;
  const cards = [];
  if (agenda) {
    cards.push(roundsCard(state));
    cards.push(roomCard(state));
    cards.push(keyPointCard(state));
  }
  if (can.runAgenda) {
    if (agenda) cards.push(proposeCard(state), mergeCard(state), scheduleCard(state));
    cards.push(registerCard(state), setupCard(state));
  }
  clear(state.body,
    h('datalist', { id: 'known-participants' }, (state.roster?.participants || []).map(p => h('option', { value: p.participantId },
      `${p.label} (${p.stakeholderGroups.map(g => g.name).join(', ')})`))),
    agenda ? h('p', {}, h('strong', {}, agenda.title), ' — ', plural(agenda.proposals.length, 'proposal'), ', ',
      plural(agenda.rounds.length, 'round'), ' × ', plural(agenda.rooms.length, 'room'), '. ',
      h('a', { href: state.link('index.html') }, 'See the agenda')) : notice('info', 'No session yet: set one up below.'),
    rosterLine(state),
    h('div', { class: 'panels' }, cards));
}

/** Runs a write, reports it in the page's status area and redraws from the read models once they show it. */
async function act(state, what, write, settled = async () => true) {
  clear(state.status, notice('info', `${what}…`));
  try {
    const result = await write();
    for (let i = 0; i < 30 && !(await settled(result)); i++) await new Promise(resolve => setTimeout(resolve, 250));
    await redraw(state);
    clear(state.status, notice('ok', `${what}: done.`));
    return result;
  } catch (e) {
    clear(state.status, errorNotice(e, `${what} failed`));
    state.status.scrollIntoView({ block: 'nearest' });
    return null;
  }
}

/** True once the agenda view satisfies `predicate` (the read model follows the event store within moments). */
function agendaShows(state, predicate) {
  return async () => predicate(await query(`/api/agendas/${encodeURIComponent(state.agendaId)}`));
}

const card = (id, title, ...children) => h('section', { class: 'card', id, 'aria-labelledby': `${id}-heading`, dataset: { write: 'true' } },
  h('h2', { id: `${id}-heading` }, title), ...children);

const field = (id, label, control, hint) => h('div', { class: 'field' }, h('label', { for: id }, label), control,
  hint ? h('span', { class: 'hint' }, hint) : null);

const agendaPath = (state, rest) => `/api/agendas/${encodeURIComponent(state.agendaId)}${rest}`;

/** How many are registered and picked from; a longer roster comes a page at a time. */
function rosterLine(state) {
  const { roster } = state;
  if (!roster) return null;
  const message = h('span', { 'aria-live': 'polite' });
  return h('p', { class: 'small muted', id: 'roster-line' },
    `${plural(roster.total, 'participant')} registered for ${roster.title || roster.consultationId}; `,
    `${roster.participants.length} offered when you type an id below.`,
    roster.next !== null ? [' ', h('button', {
      type: 'button', class: 'link small', id: 'roster-more',
      onclick: async () => {
        try {
          state.roster = await more(`/api/consultations/${encodeURIComponent(roster.consultationId)}/participants`, roster, 'participants');
          await redrawFrom(state);
        } catch (e) {
          clear(message, errorNotice(e, 'More participants could not be loaded'));
        }
      },
    }, `Offer ${Math.min(PAGE, roster.total - roster.participants.length)} more`)] : null,
    message);
}

function roundsCard(state) {
  const { agenda } = state;
  const words = { PLANNED: 'not opened yet', OPEN: 'open now', CLOSED: 'closed' };
  return card('rounds', 'Rounds',
    agenda.rounds.length ? h('ul', { class: 'stack', style: 'list-style:none;padding:0' }, agenda.rounds.map(r => h('li', { class: 'row' },
      h('span', { style: 'flex:1' }, h('strong', {}, `Round ${r.round}`), ` — ${words[r.status] || r.status}`),
      r.status === 'PLANNED' ? h('button', {
        type: 'button', dataset: { round: r.round, action: 'open' },
        onclick: () => act(state, `Opening round ${r.round}`, () => command('POST', agendaPath(state, `/rounds/${r.round}/open`)),
          agendaShows(state, a => a.rounds.find(x => x.round === r.round)?.status === 'OPEN')),
      }, `Open round ${r.round}`) : null,
      r.status === 'OPEN' ? h('button', {
        type: 'button', class: 'secondary', dataset: { round: r.round, action: 'close' },
        onclick: () => act(state, `Closing round ${r.round}`, () => command('POST', agendaPath(state, `/rounds/${r.round}/close`)),
          agendaShows(state, a => a.rounds.find(x => x.round === r.round)?.status === 'CLOSED')),
      }, `Close round ${r.round}`) : null)))
      : h('p', { class: 'muted' }, 'The grid has no rounds yet.'));
}

function scheduledIn(agenda, predicate) {
  return agenda.proposals.filter(p => p.slot && p.status !== 'WITHDRAWN' && predicate(p));
}

function roomCard(state) {
  const { agenda } = state;
  const open = new Set(agenda.rounds.filter(r => r.status === 'OPEN').map(r => r.round));
  const live = scheduledIn(agenda, p => open.has(p.slot.round));
  if (!live.length) {
    return card('in-the-room', 'In the rooms', h('p', { class: 'muted' }, open.size ? 'No conversation is scheduled in the open round.' : 'Open a round to start its conversations.'));
  }
  const select = h('select', { id: 'room-conversation' }, live.map(p => h('option', { value: p.proposalId },
    `${roomName(p.slot.room)}: ${shorten(p.question, 60)}${p.conversationStatus === 'SCHEDULED' ? ' (not started)' : ''}`)));
  const who = h('input', { id: 'room-participant', list: 'known-participants', autocomplete: 'off', placeholder: 'participant id' });
  const conversation = () => live.find(p => p.proposalId === select.value);
  const path = rest => `/api/conversations/${encodeURIComponent(select.value)}${rest}`;
  return card('in-the-room', 'In the rooms',
    field('room-conversation', 'Conversation', select),
    h('div', { class: 'row' },
      h('button', {
        type: 'button', class: 'secondary',
        onclick: () => {
          const host = conversation().hosts?.[0]?.participantId || conversation().proposer?.participantId;
          act(state, `Starting “${shorten(conversation().question, 40)}” with ${hostNames(conversation().hosts)}`,
            () => command('POST', path('/start'), { hostId: host }),
            agendaShows(state, a => a.proposals.find(p => p.proposalId === select.value)?.conversationStatus === 'IN_PROGRESS'));
        },
      }, 'Start it with its host')),
    field('room-participant', 'Participant', who, 'Joining here moves them out of any other room of this round.'),
    h('div', { class: 'row' },
      h('button', { type: 'button', onclick: () => act(state, `${who.value} joins`, () => command('POST', path('/participants'), { participantId: who.value.trim() })) }, 'Joins'),
      h('button', { type: 'button', class: 'secondary', onclick: () => act(state, `${who.value} leaves`, () => command('POST', path('/departures'), { participantId: who.value.trim() })) }, 'Leaves')));
}

function keyPointCard(state) {
  const { agenda } = state;
  const started = scheduledIn(agenda, p => p.conversationStatus === 'IN_PROGRESS' || p.conversationStatus === 'HELD')
    .sort((a, b) => b.slot.round - a.slot.round);
  if (!started.length) return card('key-points', 'Record a key point', h('p', { class: 'muted' }, 'Key points can be recorded once a conversation has started.'));
  return card('key-points', 'Record a key point',
    keyPointForm({
      conversations: started.map(p => ({ conversationId: p.proposalId, label: `R${p.slot.round} ${roomName(p.slot.room)}: ${shorten(p.question, 50)}` })),
      onRecorded: ({ conversationId }) => clear(state.status, notice('ok', 'Key point recorded. ',
        h('a', { href: state.link(`conversation.html?id=${encodeURIComponent(conversationId)}`) }, 'See the conversation'))),
    }));
}

function proposeCard(state) {
  const form = h('form', { class: 'stack', id: 'propose-form' },
    field('propose-proposer', 'Proposed by (participant id)', h('input', { id: 'propose-proposer', name: 'proposerId', required: true, list: 'known-participants', autocomplete: 'off' })),
    field('propose-question', 'The question for the conversation', h('textarea', { id: 'propose-question', name: 'question', required: true })),
    field('propose-pitch', 'Pitch', h('textarea', { id: 'propose-pitch', name: 'pitch' }), 'Optional: what the proposer said when putting it up.'),
    h('div', {}, h('button', { type: 'submit' }, 'Put it on the marketplace')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const question = form.question.value.trim();
    act(state, 'Proposing', () => command('POST', agendaPath(state, '/proposals'), {
      proposerId: form.proposerId.value.trim(), question, pitch: form.pitch.value.trim() || undefined,
    }), result => agendaShows(state, a => a.proposals.some(p => p.proposalId === result.proposalId))());
  });
  return card('propose', 'Propose a conversation', form);
}

function mergeCard(state) {
  const open = state.agenda.proposals.filter(p => p.status === 'PROPOSED');
  if (open.length < 2) return card('merge', 'Merge proposals', h('p', { class: 'muted' }, 'Merging needs at least two open proposals.'));
  const form = h('form', { class: 'stack', id: 'merge-form' },
    h('fieldset', {}, h('legend', {}, 'Proposals to merge'), h('div', { class: 'stack' }, open.map(p => h('label', {},
      h('input', { type: 'checkbox', name: 'source', value: p.proposalId }), ` “${p.question}” (${p.proposer?.label || 'unknown'})`)))),
    field('merge-question', 'The merged question', h('textarea', { id: 'merge-question', name: 'question', required: true })),
    field('merge-rationale', 'Why they were merged', h('input', { id: 'merge-rationale', name: 'rationale', required: true })),
    field('merge-agreed', 'Agreed by (participant ids, comma-separated)', h('input', { id: 'merge-agreed', name: 'agreedBy', autocomplete: 'off' }),
      'Empty: the proposers of the chosen proposals.'),
    h('div', {}, h('button', { type: 'submit' }, 'Merge them')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const sources = [...form.querySelectorAll('input[name=source]:checked')].map(i => i.value);
    const agreedBy = form.agreedBy.value.split(',').map(v => v.trim()).filter(Boolean);
    const proposers = sources.map(id => open.find(p => p.proposalId === id)?.proposer?.participantId).filter(Boolean);
    act(state, `Merging ${plural(sources.length, 'proposal')}`, () => command('POST', agendaPath(state, '/merges'), {
      sourceProposalIds: sources, question: form.question.value.trim(), rationale: form.rationale.value.trim(),
      agreedBy: agreedBy.length ? agreedBy : [...new Set(proposers)],
    }), result => agendaShows(state, a => a.proposals.some(p => p.proposalId === result.proposalId))());
  });
  return card('merge', 'Merge proposals', form);
}

function scheduleCard(state) {
  const { agenda } = state;
  const open = agenda.proposals.filter(p => p.status === 'PROPOSED');
  if (!open.length) return card('schedule', 'Schedule', h('p', { class: 'muted' }, 'Every open proposal is on the grid.'));
  const taken = new Set(agenda.grid.filter(s => s.conversations.length).map(s => `${s.round}|${s.room}`));
  const slots = agenda.rounds.filter(r => r.status !== 'CLOSED')
    .flatMap(r => agenda.rooms.map(room => ({ round: r.round, room, free: !taken.has(`${r.round}|${room}`) })));
  const form = h('form', { class: 'stack', id: 'schedule-form' },
    field('schedule-proposal', 'Proposal', h('select', { id: 'schedule-proposal', name: 'proposalId' },
      open.map(p => h('option', { value: p.proposalId }, shorten(p.question, 80))))),
    field('schedule-slot', 'Slot', h('select', { id: 'schedule-slot', name: 'slot' },
      slots.map(s => h('option', { value: `${s.round}|${s.room}`, disabled: !s.free }, `Round ${s.round}, ${roomName(s.room)}${s.free ? '' : ' (taken)'}`)))),
    h('div', {}, h('button', { type: 'submit' }, 'Put it on the grid')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const [round, room] = form.slot.value.split('|');
    const proposalId = form.proposalId.value;
    act(state, 'Scheduling', () => command('POST', agendaPath(state, '/schedule'), { proposalId, round: Number(round), room }),
      agendaShows(state, a => a.proposals.find(p => p.proposalId === proposalId)?.slot));
  });
  return card('schedule', 'Schedule', form);
}

function registerCard(state) {
  const consultationId = state.agenda?.consultationId || state.consultations.consultations[0]?.consultationId;
  if (!consultationId) return card('register', 'Register a participant', h('p', { class: 'muted' }, 'Set up a consultation first.'));
  const form = h('form', { class: 'stack', id: 'register-form' },
    field('register-pseudonym', 'Pseudonym (shown everywhere)', h('input', { id: 'register-pseudonym', name: 'pseudonym', required: true }),
      'Choose one that does not identify the person.'),
    field('register-name', 'Name (stored encrypted, only for admins)', h('input', { id: 'register-name', name: 'name', required: true })),
    h('fieldset', {}, h('legend', {}, 'Stakeholder groups'), h('div', { class: 'choices' },
      GROUPS.map(([id, name]) => h('label', {}, h('input', { type: 'checkbox', name: 'group', value: id }), name)))),
    field('register-age', 'Age band', h('select', { id: 'register-age', name: 'ageBand' }, AGE_BANDS.map(([v, l]) => h('option', { value: v }, l)))),
    h('fieldset', {}, h('legend', {}, 'Consent given'), h('div', { class: 'choices' },
      [['TAKE_PART', 'to take part'], ['BE_QUOTED', 'to be quoted'], ['BE_CONTACTED', 'to be contacted']]
        .map(([v, l]) => h('label', {}, h('input', { type: 'checkbox', name: 'consent', value: v, checked: v === 'TAKE_PART' }), l)))),
    h('div', {}, h('button', { type: 'submit' }, 'Register')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const groups = [...form.querySelectorAll('input[name=group]:checked')].map(i => i.value);
    const result = await act(state, `Registering ${form.pseudonym.value}`, () => command('POST', '/api/participants', {
      consultationId, pseudonym: form.pseudonym.value.trim(), name: form.name.value.trim(), stakeholderGroupIds: groups,
      ageBand: form.ageBand.value, consents: [...form.querySelectorAll('input[name=consent]:checked')].map(i => i.value),
    }));
    if (result) state.status.append(notice('info', `Their participant id is ${result.participantId}.`));
  });
  return card('register', 'Register a participant', form);
}

function setupCard(state) {
  const today = new Date().toISOString().slice(0, 10);
  const { consultations } = state;
  const known = consultations.consultations;
  const moreMessage = h('span', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', id: 'setup-form' },
    known.length
      ? field('setup-consultation', 'Consultation', h('select', { id: 'setup-consultation', name: 'consultationId' },
          known.map(c => h('option', { value: c.consultationId }, c.title || c.consultationId)), h('option', { value: '' }, 'a new consultation…')),
        consultations.next !== null ? [h('button', {
          type: 'button', class: 'link small', id: 'consultations-more',
          onclick: async () => {
            try {
              state.consultations = await more('/api/consultations', consultations, 'consultations');
              await redrawFrom(state);
            } catch (e) {
              clear(moreMessage, errorNotice(e, 'More consultations could not be loaded'));
            }
          },
        }, `Show more consultations (${consultations.total - known.length} not listed)`), moreMessage] : null)
      : null,
    h('div', { id: 'setup-new', class: 'stack', hidden: known.length > 0 },
      field('setup-ctitle', 'Consultation title', h('input', { id: 'setup-ctitle', name: 'consultationTitle' })),
      field('setup-big', 'Its big question', h('input', { id: 'setup-big', name: 'bigQuestion' }))),
    field('setup-title', 'Session title', h('input', { id: 'setup-title', name: 'title', required: true, value: 'Open Space' })),
    field('setup-framing', 'Framing question', h('textarea', { id: 'setup-framing', name: 'framing', required: true })),
    h('div', { class: 'row' },
      field('setup-date', 'Date', h('input', { id: 'setup-date', name: 'date', type: 'date', value: today, required: true })),
      field('setup-start', 'First round at', h('input', { id: 'setup-start', name: 'start', type: 'time', value: '10:00', required: true }))),
    h('div', { class: 'row' },
      field('setup-rounds', 'Rounds', h('input', { id: 'setup-rounds', name: 'rounds', type: 'number', min: 1, max: 10, value: 3 })),
      field('setup-minutes', 'Minutes each', h('input', { id: 'setup-minutes', name: 'minutes', type: 'number', min: 5, max: 240, value: 45 })),
      field('setup-break', 'Minutes between', h('input', { id: 'setup-break', name: 'gap', type: 'number', min: 0, max: 240, value: 30 })),
      field('setup-rooms', 'Rooms', h('input', { id: 'setup-rooms', name: 'rooms', type: 'number', min: 1, max: 60, value: 15 }))),
    h('div', {}, h('button', { type: 'submit' }, 'Set up the session')));
  const chooser = form.querySelector('#setup-consultation');
  chooser?.addEventListener('change', () => { form.querySelector('#setup-new').hidden = chooser.value !== ''; });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const start = new Date(`${form.date.value}T${form.start.value}`);
    const minutes = Number(form.minutes.value);
    const gap = Number(form.gap.value);
    const rounds = Array.from({ length: Number(form.rounds.value) }, (_, i) => {
      const startsAt = new Date(start.getTime() + i * (minutes + gap) * 60000);
      return { round: i + 1, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + minutes * 60000).toISOString() };
    });
    const rooms = Array.from({ length: Number(form.rooms.value) }, (_, i) => `Room ${String(i + 1).padStart(2, '0')}`);
    const result = await act(state, 'Setting up the session', async () => {
      let consultationId = chooser?.value;
      if (!consultationId) {
        ({ consultationId } = await command('POST', '/api/consultations', {
          title: form.consultationTitle.value.trim(), bigQuestion: form.bigQuestion.value.trim(),
        }));
      }
      const { sessionId } = await command('POST', `/api/consultations/${encodeURIComponent(consultationId)}/sessions`, {
        kind: 'open-space', title: form.title.value.trim(), startsAt: rounds[0].startsAt, endsAt: rounds[rounds.length - 1].endsAt,
      });
      await command('POST', `/api/agendas/${encodeURIComponent(sessionId)}/framing-question`, { question: form.framing.value.trim() });
      await command('PUT', `/api/agendas/${encodeURIComponent(sessionId)}/grid`, { rounds, rooms });
      return { sessionId };
    }, async ({ sessionId }) => {
      const agenda = await query(`/api/agendas/${encodeURIComponent(sessionId)}`).catch(noneYet);
      return agenda?.rounds?.length > 0;
    });
    if (result) {
      const url = new URL(location.href);
      url.searchParams.set('session', result.sessionId);
      location.assign(url);
    }
  });
  return card('setup', 'Set up an Open Space session', form);
}
