// Participation: per round, per conversation (initial / highest sustained / peak) and per stakeholder group, and
// which conversations stayed in the problem space.

import { asTable, chart, COLOURS } from '../charts.js';
import { $, clear, escapeHtml, h, KINDS, KIND_WORD, notice, plural, shorten, table } from '../dom.js';
import { kindsByConversation, loadSession, participationByConversation, roomName, stayedInProblemSpace } from '../records.js';
import { asOfBanner, asOfControl, asOfFromAddress, loadAsOf } from '../as-of.js';
import { run } from '../shell.js';

const MINUTES = duration => {
  const match = /PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?/.exec(duration || '');
  if (!match) return duration;
  const minutes = Number(match[1] || 0) * 60 + Number(match[2] || 0) + Number(match[3] || 0) / 60;
  return plural(Math.round(minutes), 'minute');
};

run('participation', async ({ agendaId, link }) => {
  const main = $('main');
  if (!agendaId) {
    clear(main, h('h1', {}, 'Participation'), notice('info', 'No Open Space session has been recorded yet.'));
    return;
  }
  const asOf = asOfFromAddress();
  const loaded = await loadAsOf(main, 'Participation', asOf, () => loadSession(agendaId, asOf));
  if (!loaded) return;
  const { agenda, participation, coverage } = loaded;
  if (!participation) {
    clear(main, h('h1', {}, 'Participation'), asOfControl(asOf), asOfBanner(asOf),
      notice('info', asOf ? 'Nobody’s attendance had been recorded for this session by then.'
        : 'Nobody’s attendance has been recorded for this session yet.'));
    return;
  }
  const kinds = kindsByConversation(coverage.keyPoints);
  const numbers = participationByConversation(participation);
  const none = { initial: 0, peak: 0, highestSustained: 0, uniqueVisitors: 0 };
  // Every conversation on the grid, with its numbers where attendance was recorded.
  const conversations = agenda.proposals.filter(p => p.slot && p.status !== 'WITHDRAWN')
    .map(p => ({ ...none, ...numbers.get(p.proposalId), conversationId: p.proposalId, round: p.slot.round, room: p.slot.room,
                 question: p.question, attended: numbers.has(p.proposalId) }))
    .sort((a, b) => a.round - b.round || String(a.room).localeCompare(String(b.room), undefined, { numeric: true }));
  for (const c of conversations) {
    c.kinds = kinds.get(c.conversationId) || { PROBLEM: 0, SOLUTION: 0, RECOMMENDATION: 0, QUESTION: 0, OBSERVATION: 0, total: 0 };
    c.problemSpace = stayedInProblemSpace(c.kinds);
  }

  const perRound = h('div', { class: 'chart', id: 'chart-rounds' });
  const perConversation = h('div', { class: 'chart tall', id: 'chart-conversations', style: `height:${Math.max(320, conversations.length * 30 + 90)}px` });
  const perGroup = h('div', { class: 'chart', id: 'chart-groups' });
  clear(main,
    h('h1', {}, 'Participation'),
    asOfControl(asOf),
    asOfBanner(asOf, 'The kinds of key points (the problem space) are as they stand now.'),
    h('p', { class: 'lede' }, `${agenda.title}. The report gives each conversation “the initial number of participants or the highest sustained number”. `,
      `Here: initial = present ${MINUTES(participation.initialWindow)} after the start; highest sustained = the most people present together for at least ${MINUTES(participation.sustainedThreshold)}; peak = the most at any moment.`),
    totals(participation),
    h('h2', {}, 'Per round'), perRound,
    asTable('Per round as a table', [
      { label: 'Round', value: r => `Round ${r.round}` },
      { label: 'Conversations', value: r => r.conversations, num: true },
      { label: 'Initial (sum)', value: r => r.initialTotal, num: true },
      { label: 'Highest sustained (sum)', value: r => r.highestSustainedTotal, num: true },
      { label: 'Peak (sum)', value: r => r.peakTotal, num: true },
      { label: 'Different people', value: r => r.uniqueVisitors, num: true },
      { label: 'Moves between rooms', value: r => r.movesBetweenRooms, num: true },
    ], participation.rounds),
    h('h2', {}, 'Per conversation'),
    h('p', { class: 'lede' }, 'Conversations marked ⚑ stayed in the problem space: they recorded more problems than solutions and recommendations together.'),
    perConversation,
    h('h2', {}, 'Per stakeholder group'),
    h('p', { class: 'lede' }, 'Someone in two groups counts in both. “Not stated” means the record does not say which group a person belongs to.'),
    perGroup,
    asTable('Per stakeholder group and round as a table', [
      { label: 'Group', value: g => g.name || g.stakeholderGroupId },
      { label: 'Round', value: g => g.round },
      { label: 'Initial', value: g => g.initial, num: true },
      { label: 'Highest sustained', value: g => g.highestSustained, num: true },
      { label: 'Peak', value: g => g.peak, num: true },
      { label: 'Different people', value: g => g.uniqueVisitors, num: true },
    ], [...participation.byStakeholderGroup.map(g => ({ ...g, round: 'all' })),
        ...participation.rounds.flatMap(r => r.byStakeholderGroup.map(g => ({ ...g, round: r.round })))]),
    problemSpace(conversations, link));

  drawRounds(perRound, participation.rounds);
  drawConversations(perConversation, conversations);
  drawGroups(perGroup, participation.byStakeholderGroup);
});

function totals(p) {
  const stat = (value, label) => h('div', { class: 'card stat' }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
  return h('div', { class: 'cards', id: 'participation-totals' },
    stat(p.conversations, 'conversations'),
    stat(p.uniqueVisitors, 'different people'),
    stat(p.highestSustainedTotal, 'places, highest sustained (sum)'),
    stat(p.initialTotal, 'places at the start (sum)'),
    stat(p.movesBetweenRooms, 'moves between rooms'));
}

const BAR_SERIES = [
  { key: 'initial', name: 'initial', colour: COLOURS.initial },
  { key: 'highestSustained', name: 'highest sustained', colour: COLOURS.sustained },
  { key: 'peak', name: 'peak', colour: COLOURS.peak },
];

function drawRounds(element, rounds) {
  chart(element, {
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rounds.map(r => `Round ${r.round} (${plural(r.conversations, 'conversation')})`) },
    yAxis: { type: 'value', minInterval: 1, name: 'people' },
    series: [
      { name: 'initial (sum)', type: 'bar', data: rounds.map(r => r.initialTotal), itemStyle: { color: COLOURS.initial } },
      { name: 'highest sustained (sum)', type: 'bar', data: rounds.map(r => r.highestSustainedTotal), itemStyle: { color: COLOURS.sustained } },
      { name: 'peak (sum)', type: 'bar', data: rounds.map(r => r.peakTotal), itemStyle: { color: COLOURS.peak } },
      { name: 'different people', type: 'bar', data: rounds.map(r => r.uniqueVisitors), itemStyle: { color: COLOURS.visitors, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: 0.8 } } },
    ],
  }, `Participants per round: ${rounds.map(r => `round ${r.round}, ${r.highestSustainedTotal} sustained, ${r.uniqueVisitors} different people`).join('; ')}`);
}

function drawConversations(element, conversations) {
  const labels = conversations.map(c => `${c.problemSpace ? '⚑ ' : ''}R${c.round} · ${shorten(c.question, 48)}`);
  chart(element, {
    legend: { top: 0 },
    grid: { left: 340, right: 32, top: 44, bottom: 16 },
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: items => {
        const c = conversations[items[0].dataIndex];
        return `<strong>${escapeHtml(c.question)}</strong><br>Round ${c.round}, ${escapeHtml(roomName(c.room))}<br>`
          + items.map(i => `${i.marker} ${i.seriesName}: ${i.value}`).join('<br>')
          + (c.problemSpace ? '<br>⚑ stayed in the problem space' : '');
      },
    },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 12, width: 325, overflow: 'truncate' } },
    xAxis: { type: 'value', minInterval: 1, position: 'top' },
    series: BAR_SERIES.map(s => ({
      name: s.name, type: 'bar', data: conversations.map(c => c[s.key]), itemStyle: { color: s.colour }, barGap: '10%',
    })),
  }, `Participants per conversation, ${conversations.length} conversations; the table below lists them`);
}

function drawGroups(element, groups) {
  const sorted = [...groups].sort((a, b) => b.uniqueVisitors - a.uniqueVisitors);
  chart(element, {
    legend: { top: 0 },
    grid: { left: 270, right: 32, top: 44, bottom: 16 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: { type: 'category', data: sorted.map(g => g.name || g.stakeholderGroupId), inverse: true,
             axisLabel: { width: 255, overflow: 'truncate' } },
    xAxis: { type: 'value', minInterval: 1, position: 'top' },
    series: [
      { name: 'different people', type: 'bar', data: sorted.map(g => g.uniqueVisitors), itemStyle: { color: COLOURS.visitors } },
      { name: 'highest sustained (sum over conversations)', type: 'bar', data: sorted.map(g => g.highestSustained), itemStyle: { color: COLOURS.sustained } },
    ],
  }, `People per stakeholder group: ${sorted.map(g => `${g.name}: ${g.uniqueVisitors}`).join('; ')}`);
}

function problemSpace(conversations, link) {
  const flagged = conversations.filter(c => c.problemSpace);
  const max = Math.max(1, ...conversations.map(c => c.kinds.total));
  const bar = c => h('span', { 'aria-hidden': 'true', class: 'nowrap' }, KINDS.map(kind => c.kinds[kind]
    ? h('span', { class: 'bar-inline', style: `width:${(c.kinds[kind] / max) * 7}rem;background:${COLOURS[kind]}`, title: `${c.kinds[kind]} ${KIND_WORD[kind]}` }) : null));
  return h('section', { 'aria-labelledby': 'problem-space-heading', id: 'problem-space' },
    h('h2', { id: 'problem-space-heading' }, 'Problems and ways forward'),
    flagged.length
      ? notice('warn', h('strong', {}, `${plural(flagged.length, 'conversation')} of ${conversations.length} stayed in the problem space`),
          ' — more problems recorded than solutions and recommendations together:',
          h('ul', {}, flagged.map(c => h('li', {}, `Round ${c.round}: `,
            h('a', { href: link(`conversation.html?id=${encodeURIComponent(c.conversationId)}`) }, c.question),
            ` (${plural(c.kinds.PROBLEM, 'problem')}, ${plural(c.kinds.SOLUTION + c.kinds.RECOMMENDATION, 'way forward', 'ways forward')})`))))
      : notice('ok', 'Every conversation recorded at least as many solutions and recommendations as problems.'),
    table([
      { label: 'Round', value: c => c.round, num: true },
      { label: 'Conversation', value: c => [h('a', { href: link(`conversation.html?id=${encodeURIComponent(c.conversationId)}`) }, c.question),
          c.problemSpace ? [' ', h('span', { class: 'chip flag' }, '⚑ problem space')] : null] },
      { label: 'Problems', value: c => c.kinds.PROBLEM, num: true },
      { label: 'Solutions', value: c => c.kinds.SOLUTION, num: true },
      { label: 'Recommend­ations', value: c => c.kinds.RECOMMENDATION, num: true },
      { label: 'Questions', value: c => c.kinds.QUESTION, num: true },
      { label: 'Other', value: c => c.kinds.OBSERVATION, num: true },
      { label: 'Mix', value: bar },
      { label: 'Sustained', value: c => c.highestSustained, num: true },
    ], conversations, { caption: 'Kinds of key points per conversation', rowClass: c => (c.problemSpace ? 'flagged' : null) }));
}

