// The agenda: the grid of rounds × rooms, each conversation with its host, numbers and lineage; what did not reach
// the grid; and the counts per round, so gaps between what was scheduled, held, noted and summarised show.

import { asOfBanner, asOfControl, asOfFromAddress, loadAsOf } from '../as-of.js';
import { run } from '../shell.js';
import { sessionFeedback } from '../feedback.js';
import { $, clear, h, notice, plural, table, time, formatTime } from '../dom.js';
import {
  hostNames, kindsByConversation, lineageLines, loadSession, participationByConversation, proposalsById, roomName, roundCounts,
} from '../records.js';

const STATUS_WORDS = {
  SCHEDULED: 'scheduled', IN_PROGRESS: 'in progress', HELD: 'held', NOT_HELD: 'not held',
  PLANNED: 'planned', OPEN: 'open now', CLOSED: 'closed',
};

run('agenda', async ({ agendaId, link }) => {
  const main = $('main');
  if (!agendaId) {
    clear(main, h('h1', {}, 'The agenda'),
      notice('info', 'No Open Space session has been recorded yet. ',
        'A facilitator can set one up under “Run the event”, or the dataset import fills one in on first start.'));
    return;
  }
  const asOf = asOfFromAddress();
  const loaded = await loadAsOf(main, 'The agenda', asOf, () => loadSession(agendaId, asOf));
  if (!loaded) return;
  const { agenda, participation, coverage, summarisedIds } = loaded;
  const byId = proposalsById(agenda);
  const numbers = participationByConversation(participation);
  const kinds = kindsByConversation(coverage.keyPoints);
  const counts = roundCounts(agenda, kinds, summarisedIds);

  clear(main,
    h('h1', {}, agenda.title || 'The agenda'),
    asOfControl(asOf),
    asOfBanner(asOf, 'Key-point counts and summaries are as they stand now.'),
    agenda.framingQuestion ? h('blockquote', { class: 'framing' },
      h('span', { class: 'visually-hidden' }, 'Framing question: '), agenda.framingQuestion) : null,
    overview(agenda, counts),
    discrepancies(agenda, counts),
    h('h2', { id: 'grid-heading' }, 'The grid'),
    h('p', { class: 'lede' }, 'Rounds across, rooms down. Participant numbers are those the report uses: the number ',
      'present at the start (initial) and the highest number held for a while (sustained), with the peak.'),
    grid(agenda, byId, numbers, kinds, link),
    offTheGrid(agenda, byId),
    sessionFeedback(agendaId));
});

function overview(agenda, counts) {
  const firstHand = agenda.proposals.filter(p => !p.mergedFrom?.length && !p.splitFrom).length;
  const merged = agenda.proposals.filter(p => p.status === 'MERGED').length;
  const withdrawn = agenda.proposals.filter(p => p.status === 'WITHDRAWN').length;
  const scheduled = counts.reduce((sum, r) => sum + r.scheduled, 0);
  const held = counts.reduce((sum, r) => sum + r.held, 0);
  const stat = (value, label) => h('div', { class: 'card stat' }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
  return h('section', { 'aria-labelledby': 'overview-heading' },
    h('h2', { id: 'overview-heading', class: 'visually-hidden' }, 'Overview'),
    h('div', { class: 'cards', id: 'agenda-counts' },
      stat(firstHand, 'proposals put up'),
      stat(merged, 'merged into others'),
      stat(withdrawn, 'withdrawn'),
      stat(scheduled, `on the grid (${agenda.rounds.length} × ${agenda.rooms.length} slots)`),
      stat(held, 'conversations held')));
}

/** The agenda view's own discrepancies, and differences between the per-round counts, shown rather than hidden. */
function discrepancies(agenda, counts) {
  const found = [...(agenda.discrepancies || []), ...(agenda.announcedVsRecorded || [])];
  const announced = agenda.announced;
  for (const r of counts) {
    if (r.status === 'CLOSED' && r.notHeld > 0) found.push(`Round ${r.round}: ${plural(r.notHeld, 'scheduled conversation')} not held.`);
    if (r.held > 0 && r.withNotes < r.held) found.push(`Round ${r.round}: ${r.held} held, but key points are recorded for ${r.withNotes}.`);
    if (r.held > 0 && r.summarised < r.held) found.push(`Round ${r.round}: ${r.held} held, ${r.summarised} summarised.`);
  }
  const differentPerRound = new Set(counts.map(r => r.scheduled)).size > 1;
  if (differentPerRound) {
    found.push(`The rounds hold different numbers of conversations: ${counts.map(r => r.scheduled).join(' + ')} = ${counts.reduce((s, r) => s + r.scheduled, 0)}.`);
  }
  return h('section', { 'aria-labelledby': 'counts-heading', id: 'round-counts' },
    h('h2', { id: 'counts-heading' }, 'Conversations per round, as recorded'),
    table([
      { label: 'Round', value: r => `Round ${r.round}` },
      { label: 'Status', value: r => STATUS_WORDS[r.status] || r.status },
      { label: 'Rooms', value: r => r.slots, num: true },
      ...(announced?.perRound?.length ? [{ label: 'Announced', value: r => announced.perRound[r.round - 1] ?? '—', num: true }] : []),
      { label: 'Scheduled', value: r => r.scheduled, num: true },
      { label: 'Held', value: r => r.held, num: true },
      { label: 'Not held', value: r => r.notHeld, num: true },
      { label: 'With key points', value: r => r.withNotes, num: true },
      { label: 'Summarised', value: r => r.summarised, num: true },
    ], counts, { caption: 'Conversations per round' }),
    announced
      ? h('p', { class: 'small', id: 'announced' },
          `Announced${announced.source ? ` by ${announced.source}` : ''}: `,
          announced.conversations != null ? `${plural(announced.conversations, 'conversation')}` : '',
          announced.conversations != null && announced.perRound?.length ? '; ' : '',
          announced.perRound?.length ? `per round ${announced.perRound.join(' + ')}` : '',
          `; recorded on the agenda: ${counts.reduce((s, r) => s + r.scheduled, 0)}. As written: `,
          h('q', {}, announced.asWritten))
      : null,
    found.length
      ? notice('warn', h('h3', {}, 'Discrepancies in the records'),
               h('ul', { id: 'discrepancies' }, found.map(text => h('li', {}, text))),
               h('p', { class: 'small' }, 'They are shown as recorded; nothing here is corrected.'))
      : null);
}

function grid(agenda, byId, numbers, kinds, link) {
  const slot = (round, room) => agenda.grid.find(s => s.round === round && s.room === room);
  const rooms = [...agenda.rooms];
  for (const s of agenda.grid) if (!rooms.includes(s.room)) rooms.push(s.room); // slots outside the grid
  const rounds = agenda.rounds.map(r => r.round);
  for (const s of agenda.grid) if (!rounds.includes(s.round)) rounds.push(s.round);
  const roundInfo = n => agenda.rounds.find(r => r.round === n);
  // Hosts of more than one conversation in a round (listed with the discrepancies too): flagged on each card.
  const hosting = new Map();
  for (const s of agenda.grid) {
    for (const c of s.conversations) {
      for (const host of c.hosts || []) {
        if (!host) continue;
        const key = `${s.round}\u0000${host.participantId}`;
        hosting.set(key, (hosting.get(key) || 0) + 1);
      }
    }
  }
  const doubleBooked = (round, c) => (c.hosts || []).filter(host => host && hosting.get(`${round}\u0000${host.participantId}`) > 1);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'grid-table', id: 'agenda-grid', style: `min-width:${7.5 + rounds.length * 16}rem` },
      h('caption', { class: 'visually-hidden' }, 'The agenda grid: rounds across, rooms down'),
      h('thead', {}, h('tr', {}, h('td', {}),
        rounds.map(n => {
          const info = roundInfo(n);
          return h('th', { scope: 'col' }, `Round ${n} `,
            info ? h('span', { class: 'chip status' }, STATUS_WORDS[info.status] || info.status) : null,
            info?.startsAt ? h('div', { class: 'small muted' }, `${formatTime(info.startsAt)}–${formatTime(info.endsAt)}`) : null);
        }))),
      h('tbody', {}, rooms.map(room => h('tr', {},
        h('th', { scope: 'row' }, roomName(room)),
        rounds.map(n => {
          const conversations = slot(n, room)?.conversations || [];
          return h('td', {}, conversations.length
            ? conversations.map(c => conversationCard(c, byId.get(c.conversationId), numbers.get(c.conversationId), kinds.get(c.conversationId), byId, link, doubleBooked(n, c)))
            : h('span', { class: 'slot-empty' }, 'free'));
        }))))));
}

function conversationCard(slotConversation, proposal, numbers, kinds, byId, link, doubleBooked = []) {
  const id = slotConversation.conversationId;
  return h('article', { class: 'conv-card', dataset: { conversationId: id } },
    h('a', { class: 'question', href: link(`conversation.html?id=${encodeURIComponent(id)}`) }, slotConversation.question),
    h('dl', {},
      h('dt', {}, 'Host'), h('dd', {}, hostNames(slotConversation.hosts),
        doubleBooked.length ? [' ', h('span', { class: 'chip discrepancy', title: 'Also hosts another conversation of this round: see the discrepancies' },
          `${doubleBooked.map(host => host.label).join(', ')} also hosts another room this round`)] : null),
      h('dt', {}, 'People'), h('dd', { class: 'numbers' }, numbers?.uniqueVisitors
        ? `${numbers.initial} initial · ${numbers.highestSustained} sustained · ${numbers.peak} peak`
        : h('span', { class: 'muted' }, 'no attendance recorded')),
      h('dt', {}, 'Notes'), h('dd', {}, kinds ? `${plural(kinds.total, 'key point')}` : h('span', { class: 'muted' }, 'none yet')),
      h('dt', {}, 'Status'), h('dd', {}, STATUS_WORDS[slotConversation.status] || slotConversation.status || '—')),
    proposal ? lineage(proposal, byId) : null);
}

function lineage(proposal, byId) {
  const lines = lineageLines(proposal, byId);
  if (!lines.length) return null;
  return h('ul', { class: 'lineage' }, lines.map(line => h('li', { dataset: { lineage: line.kind } }, `${line.text}: `,
    line.items.map((item, i) => [i ? '; ' : '', `“${item.question}”`, item.by ? ` (${item.by.label})` : '']),
    line.note ? ` — ${line.note}` : null)));
}

function offTheGrid(agenda, byId) {
  const off = agenda.proposals.filter(p => !p.slot);
  if (!off.length) return null;
  const statusWords = { PROPOSED: 'proposed, not scheduled', MERGED: 'merged', WITHDRAWN: 'withdrawn', SPLIT: 'split',
                        REVERSED: 'off the agenda: its merge was reversed' };
  return h('section', { 'aria-labelledby': 'off-grid-heading' },
    h('h2', { id: 'off-grid-heading' }, 'Proposals not on the grid'),
    h('p', { class: 'lede' }, 'Every proposal stays on record: merged ones name what they became, withdrawn ones why.'),
    table([
      { label: 'Proposal', value: p => p.question },
      { label: 'Proposed by', value: p => p.proposer?.label || '—' },
      { label: 'Hosted by', value: p => p.status === 'PROPOSED' ? hostNames(p.hosts) : '—' },
      { label: 'What happened', value: p => [statusWords[p.status] || p.status.toLowerCase(),
          p.withdrawnReason ? `: ${p.withdrawnReason}` : ''] },
      { label: 'Lineage', value: p => lineageLines(p, byId).map(l => h('div', { dataset: { lineage: l.kind } },
          `${l.text}: `, l.items.map((item, i) => [i ? '; ' : '', `“${item.question}”`]),
          l.note ? ` — ${l.note}` : null)) },
      { label: 'When', value: p => time(p.lineage?.[p.lineage.length - 1]?.at) },
    ], off, { caption: 'Proposals not on the grid' }));
}
