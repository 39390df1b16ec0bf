// How voices flowed into the report: a Sankey of stakeholder groups → conversations → themes → report sections (or
// the fate of points no section takes up), the report sections with the voices behind them, and the coverage list of
// voices not (yet) cited. Every node and link opens the original words behind it.

import { auditLogEntries, download, query } from '../api.js';
import { chart } from '../charts.js';
import {
  $, clear, errorNotice, escapeHtml, FATE_LABELS, fateChip, formatDateTime, h, kindChip, notice, plural, shorten, table,
  words,
} from '../dom.js';
import { run } from '../shell.js';

const FATE_SINKS = ['SUMMARISED', 'NOT_YET_HANDLED', 'RETRACTED'];
const SINK_WORDS = { SUMMARISED: 'In a summary, not cited', NOT_YET_HANDLED: 'Not yet handled', RETRACTED: 'Retracted' };

run('voice-flow', async ({ agendaId, link }) => {
  const main = $('main');
  if (!agendaId) {
    clear(main, h('h1', {}, 'How voices reached the report'), notice('info', 'No Open Space session has been recorded yet.'));
    return;
  }
  const flow = await load(agendaId);
  const chartElement = h('div', {
    class: 'chart tall', id: 'voice-flow-chart',
    style: `height:${Math.max(480, Math.max(flow.conversations.length, flow.sectionIds.length * 3) * 22 + 80)}px`,
  });
  const quotes = h('section', { id: 'flow-quotes', 'aria-live': 'polite', tabindex: '-1' });
  clear(main,
    h('h1', {}, 'How voices reached the report'),
    h('p', { class: 'lede' }, 'From the people who spoke (by stakeholder group) through the conversations they spoke in and the themes their points were tagged with, ',
      'to the report sections that cite them — or to what became of the points no section cites. Widths count key points. ',
      'Choose any band or box to read the original words behind it.'),
    totalsLine(flow),
    flow.links.length ? chartElement : notice('info', 'No key points recorded yet.'),
    flow.links.length ? flowTable(flow, quotes, link) : null,
    quotes,
    sectionsList(flow, quotes, link),
    coverageSection(flow, agendaId, link));
  if (flow.links.length) drawSankey(chartElement, flow, quotes, link);
  const wanted = location.hash.startsWith('#section-') && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (wanted) wanted.scrollIntoView({ block: 'start' });
});

async function load(agendaId) {
  const [coverage, sectionEntries] = await Promise.all([
    query('/api/coverage', { agendaId }),
    auditLogEntries({ eventType: 'ReportSectionWritten' }),
  ]);
  const sectionIds = [...new Set(sectionEntries.map(e => e.ids?.sectionId).filter(Boolean))];
  const sections = (await Promise.all(sectionIds.map(id =>
    query(`/api/audit-trail/sections/${encodeURIComponent(id)}`).catch(() => null)))).filter(Boolean)
    .sort((a, b) => a.position - b.position || a.sectionId.localeCompare(b.sectionId));
  const keyPoints = new Map(coverage.keyPoints.map(k => [k.keyPointId, k]));
  // The coverage answer names the themes its key points are tagged with.
  const tags = new Map();
  const themeNames = new Map();
  for (const theme of coverage.themes || []) {
    themeNames.set(theme.themeId, theme.name || theme.themeId);
    for (const keyPointId of theme.keyPointIds || []) {
      if (!keyPoints.has(keyPointId)) continue;
      const set = tags.get(keyPointId) || new Set();
      set.add(theme.themeId);
      tags.set(keyPointId, set);
    }
  }
  const groupNames = new Map(coverage.byStakeholderGroup.map(g => [g.stakeholderGroupId, g.name || g.stakeholderGroupId]));
  groupNames.set('anonymous', 'Anonymous (speaker not recorded)');
  return { coverage, keyPoints, sections, sectionIds, tags, groupNames, themeNames, ...buildFlow(coverage.keyPoints, sections, tags, groupNames, themeNames) };
}

/**
 * Routes of each key point into the report, as the section trails give them: cited directly, through a theme it is
 * tagged with, or as part of a conversation the section cites as a whole. A point no section takes up flows to its fate.
 */
function routes(keyPoint, sections, tags) {
  const found = [];
  for (const section of sections) {
    if (!section.keyPoints.some(k => k.fate.keyPointId === keyPoint.keyPointId)) continue;
    const cites = kind => section.citations.filter(c => c.kind === kind).map(c => c.targetId);
    const trailPoint = section.keyPoints.find(k => k.fate.keyPointId === keyPoint.keyPointId);
    const theme = (trailPoint.themeIds || []).find(t => cites('THEME').includes(t));
    if (cites('KEY_POINT').includes(keyPoint.keyPointId) || cites('QUOTE').includes(keyPoint.keyPointId)) {
      found.push({ sectionId: section.sectionId, via: 'direct' });
    } else if (theme) {
      found.push({ sectionId: section.sectionId, via: 'theme', themeId: theme });
    } else {
      found.push({ sectionId: section.sectionId, via: 'conversation' });
    }
  }
  if (!found.length && tags.has(keyPoint.keyPointId)) {
    for (const themeId of tags.get(keyPoint.keyPointId)) found.push({ sink: keyPoint.fate, via: 'theme', themeId });
  }
  if (!found.length) found.push({ sink: keyPoint.fate, via: 'direct' });
  return found;
}

function buildFlow(keyPointList, sections, tags, groupNames, themeNames = new Map()) {
  const nodes = new Map();
  const links = new Map();
  const node = (id, label, kind, order) => {
    if (!nodes.has(id)) nodes.set(id, { name: id, label, kind, order });
    return id;
  };
  const link = (source, target, keyPointId, style) => {
    const key = `${source}→${target}`;
    const entry = links.get(key) || { source, target, keyPointIds: new Set(), style };
    entry.keyPointIds.add(keyPointId);
    links.set(key, entry);
  };
  const conversations = new Map();
  for (const k of keyPointList) {
    const roomNumber = Number(String(k.room ?? '').replace(/\D+/g, '')) || 0;
    const conversation = node(`c:${k.conversationId}`, null, 'conversation', (k.round || 0) * 1000 + roomNumber);
    conversations.set(k.conversationId, k);
    for (const group of k.stakeholderGroupIds.length ? k.stakeholderGroupIds : ['anonymous']) {
      link(node(`g:${group}`, groupNames.get(group) || group, 'group', group === 'anonymous' ? 9999 : 0), conversation, k.keyPointId);
    }
    for (const route of routes(k, sections, tags)) {
      let from = conversation;
      if (route.themeId) {
        const theme = node(`t:${route.themeId}`, `Theme: ${themeNames.get(route.themeId) || route.themeId}`, 'theme', 0);
        link(from, theme, k.keyPointId);
        from = theme;
      }
      if (route.sectionId) {
        const section = sections.find(s => s.sectionId === route.sectionId);
        link(from, node(`s:${route.sectionId}`, `§${section.position} ${section.heading}`, 'section', section.position), k.keyPointId,
             route.via === 'conversation' ? 'whole-conversation' : null);
      } else {
        link(from, node(`f:${route.sink}`, SINK_WORDS[route.sink] || route.sink, 'fate', 1000 + FATE_SINKS.indexOf(route.sink)), k.keyPointId);
      }
    }
  }
  return {
    nodes: [...nodes.values()], links: [...links.values()],
    conversations: [...conversations.values()],
  };
}

const NODE_COLOURS = { group: '#8a6100', conversation: '#1d5f7a', theme: '#6a4c93', section: '#00795c', fate: '#8c8c8c' };

function drawSankey(element, flow, quotes, link) {
  const conversationLabel = id => {
    const k = flow.keyPoints.get([...flow.links.find(l => l.target === id || l.source === id).keyPointIds][0]);
    return `R${k.round ?? '?'} · ${conversationQuestion(flow, k.conversationId)}`;
  };
  const order = { group: 0, conversation: 1, theme: 2, section: 3, fate: 4 };
  const nodes = [...flow.nodes].sort((a, b) => order[a.kind] - order[b.kind] || a.order - b.order || a.name.localeCompare(b.name, undefined, { numeric: true }))
    .map(n => ({
      name: n.name, text: n.label || (n.kind === 'conversation' ? conversationLabel(n.name) : n.name),
      itemStyle: { color: NODE_COLOURS[n.kind], borderColor: NODE_COLOURS[n.kind] },
    }));
  const labelOf = new Map(nodes.map(n => [n.name, n.text]));
  const instance = chart(element, {
    tooltip: {
      trigger: 'item',
      formatter: p => (p.dataType === 'edge'
        ? `${escapeHtml(labelOf.get(p.data.source))} → ${escapeHtml(labelOf.get(p.data.target))}<br>${plural(p.data.value, 'key point')}${p.data.style === 'whole-conversation' ? '<br>(the section cites the conversation as a whole)' : ''}<br><em>choose to read them</em>`
        : `${escapeHtml(labelOf.get(p.name))}<br>${plural(p.value, 'key point')}<br><em>choose to read them</em>`),
    },
    series: [{
      type: 'sankey', layoutIterations: 0, nodeGap: 6, nodeWidth: 14, draggable: false,
      left: 8, right: 230, top: 12, bottom: 12,
      emphasis: { focus: 'adjacency' },
      label: {
        // Plain, single-line labels: wrapped ones are redrawn on hover, which swallows clicks on their node.
        formatter: p => shorten(labelOf.get(p.name), 40), fontSize: 11, color: '#1f2a33',
        textBorderColor: '#ffffff', textBorderWidth: 3,
      },
      lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      data: nodes,
      links: flow.links.map(l => ({
        source: l.source, target: l.target, value: l.keyPointIds.size, style: l.style,
        lineStyle: l.style === 'whole-conversation' ? { color: '#9aa5ad', opacity: 0.3 } : undefined,
      })),
    }],
  }, `Sankey diagram: ${plural(flow.keyPoints.size, 'key point')} flowing from stakeholder groups through conversations to report sections. The table under it lists the same flows.`);
  instance.on('click', params => {
    if (params.dataType === 'edge') {
      const l = flow.links.find(x => x.source === params.data.source && x.target === params.data.target);
      showQuotes(quotes, flow, [...l.keyPointIds], `${labelOf.get(l.source)} → ${labelOf.get(l.target)}`, link);
    } else if (params.dataType === 'node') {
      const ids = new Set(flow.links.filter(x => x.source === params.name || x.target === params.name).flatMap(x => [...x.keyPointIds]));
      showQuotes(quotes, flow, [...ids], labelOf.get(params.name), link);
    }
  });
  element.dataset.nodes = String(nodes.length);
}

function totalsLine(flow) {
  const t = flow.coverage.totals;
  const stat = (value, label) => h('div', { class: 'card stat' }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
  return h('div', { class: 'cards', id: 'flow-totals', style: 'margin-bottom:1rem' },
    stat(flow.keyPoints.size, `key points from ${plural(flow.conversations.length, 'conversation')}`),
    stat(t.CITED, 'cited in the report'),
    stat(t.SUMMARISED, 'in a summary only'),
    stat(t.NOT_YET_HANDLED, 'not yet handled'),
    stat(flow.sections.length, 'report sections'));
}

function conversationQuestion(flow, conversationId) {
  return flow.coverage.byConversation.find(c => c.conversationId === conversationId)?.question || conversationId;
}

/** The original words behind a node or link, each linked to its place in its conversation. */
function showQuotes(container, flow, keyPointIds, title, link) {
  const points = keyPointIds.map(id => flow.keyPoints.get(id)).filter(Boolean)
    .sort((a, b) => (a.round || 0) - (b.round || 0) || a.conversationId.localeCompare(b.conversationId) || a.keyPointId.localeCompare(b.keyPointId));
  clear(container,
    h('h2', {}, `The words behind “${title}”`),
    h('p', { class: 'muted' }, `${plural(points.length, 'key point')}, ${points.filter(k => k.verbatim).length} of them verbatim quotes.`),
    h('ol', { class: 'keypoints' }, points.map(k => h('li', { class: 'keypoint', dataset: { keyPointId: k.keyPointId } },
      h('blockquote', { class: k.verbatim ? 'quote' : 'paraphrase' }, words(k.text)),
      h('div', { class: 'meta' }, kindChip(k.kind), h('span', {}, k.voice ? `said by ${k.voice}` : 'anonymous'), fateChip(k.fate, k.fateDetail),
        h('a', { class: 'quote-link', href: link(`conversation.html?id=${encodeURIComponent(k.conversationId)}#kp-${encodeURIComponent(k.keyPointId)}`) },
          `in “${shorten(conversationQuestion(flow, k.conversationId), 70)}”`))))));
  container.focus();
  container.scrollIntoView({ block: 'start' });
}

function flowTable(flow, quotes, link) {
  const labelOf = name => {
    const n = flow.nodes.find(x => x.name === name);
    if (n?.label) return n.label;
    return name.startsWith('c:') ? conversationQuestion(flow, name.slice(2)) : name;
  };
  const rows = [...flow.links].sort((a, b) => b.keyPointIds.size - a.keyPointIds.size);
  return h('details', { class: 'as-table' }, h('summary', {}, 'The flows as a table (each row opens its words)'),
    table([
      { label: 'From', value: l => labelOf(l.source) },
      { label: 'To', value: l => [labelOf(l.target), l.style === 'whole-conversation' ? h('span', { class: 'small muted' }, ' (the whole conversation is cited)') : null] },
      { label: 'Key points', value: l => h('button', { type: 'button', class: 'link', onclick: () => showQuotes(quotes, flow, [...l.keyPointIds], `${labelOf(l.source)} → ${labelOf(l.target)}`, link) }, String(l.keyPointIds.size)), num: true },
    ], rows, { caption: 'Flows of key points' }));
}

function sectionsList(flow, quotes, link) {
  if (!flow.sections.length) {
    return h('section', {}, h('h2', {}, 'Report sections'), notice('info', 'No report section has been written yet.'));
  }
  return h('section', { 'aria-labelledby': 'sections-heading' },
    h('h2', { id: 'sections-heading' }, 'Report sections and the voices behind them'),
    h('div', { class: 'panels' }, flow.sections.map(s => {
      const inSession = s.keyPoints.filter(k => flow.keyPoints.has(k.fate.keyPointId));
      const groups = Object.entries(s.voicesByStakeholderGroup || {})
        .map(([id, count]) => `${s.stakeholderGroupNames?.[id] || flow.groupNames.get(id) || id}: ${count}`);
      return h('article', { class: 'card', id: `section-${s.sectionId}` },
        h('h3', { style: 'margin-top:0' }, `Section ${s.position}: ${s.heading}`),
        h('p', {}, shorten(s.text, 420)),
        h('p', { class: 'small muted' }, `${plural(s.distinctVoices, 'distinct voice')} behind it`, groups.length ? ` (${groups.join('; ')})` : '',
          `; ${plural(s.citations.length, 'citation')}.`),
        ...consentNotices(s, link),
        inSession.length
          ? h('button', { type: 'button', class: 'secondary', onclick: () => showQuotes(quotes, flow, inSession.map(k => k.fate.keyPointId), `Section ${s.position}: ${s.heading}`, link) },
              `Read the ${plural(inSession.length, 'key point')} behind it`)
          : h('p', { class: 'small' }, 'No recorded key point of this session is behind this section.'));
    })));
}

// What the section's quotes owe their speakers: corrections needed since the last publication (a speaker withdrew
// consent to be quoted or was erased), quotes published under a consent override and why, and draft quotes that
// publication will refuse without one.
function consentNotices(s, link) {
  const quoteLink = keyPointId => {
    const k = (s.keyPoints || []).find(p => p.fate.keyPointId === keyPointId);
    const label = `the quote ${keyPointId}`;
    return k ? h('a', { href: link(`conversation.html?id=${encodeURIComponent(k.fate.conversationId)}#kp-${encodeURIComponent(keyPointId)}`) }, label) : label;
  };
  const notices = [];
  const corrections = s.correctionsNeeded || [];
  if (corrections.length) {
    notices.push(notice('warn',
      h('h4', { class: 'flag' }, `⚑ Corrections needed in published version ${s.publishedVersion}`),
      h('p', { class: 'small' }, 'Since that version was published, people it quotes have asked not to be quoted or were erased. ',
        'Publish a new version without these quotes (or, for a withdrawn consent, with a consent override and a reason).'),
      h('ul', {}, corrections.map(c => h('li', {}, quoteLink(c.keyPointId), `: ${c.description}, ${formatDateTime(c.occurredAt)}.`)))));
  }
  const overridden = (s.citations || []).filter(c => c.consentOverride);
  if (overridden.length) {
    notices.push(notice('info',
      h('p', {}, `Published in version ${s.publishedVersion} without the speaker's consent to be quoted, on a recorded decision:`),
      h('ul', {}, overridden.map(c => h('li', {}, quoteLink(c.targetId),
        ` — “${c.consentOverride.reason}”`, c.consentOverride.by ? ` (${c.consentOverride.by})` : '')))));
  }
  const waiting = (s.quotedWithoutConsent || []).filter(id => !overridden.some(c => c.targetId === id));
  if (waiting.length) {
    notices.push(notice('warn', h('p', { class: 'small' },
      `The draft has ${plural(waiting.length, 'quote')} whose speaker does not consent to be quoted: `,
      ...waiting.flatMap((id, i) => [i ? ', ' : '', quoteLink(id)]),
      '. Publishing refuses it unless each gets a consent override with a reason.')));
  }
  return notices;
}

function coverageSection(flow, agendaId, link) {
  const notCited = flow.coverage.keyPoints.filter(k => k.fate !== 'CITED');
  const totals = flow.coverage.totals;
  const list = h('div', {});
  const fateSelect = h('select', { id: 'coverage-fate' },
    h('option', { value: 'NOT_CITED' }, 'not (yet) cited'),
    ['NOT_YET_HANDLED', 'SUMMARISED', 'RETRACTED', 'CITED'].map(f => h('option', { value: f }, FATE_LABELS[f])),
    h('option', { value: '' }, 'every key point'));
  let shown = 50;
  const draw = () => {
    const fate = fateSelect.value;
    const matching = flow.coverage.keyPoints.filter(k => (fate === 'NOT_CITED' ? k.fate !== 'CITED' : !fate || k.fate === fate));
    const rows = matching.slice(0, shown);
    clear(list, h('p', { class: 'muted', id: 'coverage-count' }, `Showing ${rows.length} of ${matching.length}.`), table([
      { label: 'Words', value: k => h('span', { class: k.verbatim ? 'quoted' : null }, k.verbatim ? ['“', words(k.text), '”'] : words(k.text)) },
      { label: 'Kind', value: k => kindChip(k.kind) },
      { label: 'Voice', value: k => k.voice || 'anonymous' },
      { label: 'Conversation', value: k => h('a', { href: link(`conversation.html?id=${encodeURIComponent(k.conversationId)}#kp-${encodeURIComponent(k.keyPointId)}`) },
          `R${k.round ?? '?'} · ${shorten(conversationQuestion(flow, k.conversationId), 50)}`) },
      { label: 'Fate', value: k => [fateChip(k.fate),
          k.fateDetail && k.fateDetail !== FATE_LABELS[k.fate] ? h('div', { class: 'small muted' }, k.fateDetail) : null] },
    ], rows, { caption: 'Key points and their fate' }),
    rows.length < matching.length
      ? h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => { shown += 50; draw(); } }, 'Show 50 more'))
      : null);
  };
  fateSelect.addEventListener('change', () => { shown = 50; draw(); });
  draw();
  const message = h('div', { 'aria-live': 'polite' });
  return h('section', { 'aria-labelledby': 'coverage-heading', id: 'coverage' },
    h('h2', { id: 'coverage-heading' }, 'Coverage: voices not (yet) cited'),
    h('p', { class: 'lede' }, `${plural(notCited.length, 'key point')} of ${flow.coverage.keyPoints.length} in this session are not cited by any report section: `,
      `${totals.SUMMARISED} only in a conversation summary, ${totals.NOT_YET_HANDLED} not yet handled at all, ${totals.RETRACTED} retracted.`),
    table([
      { label: 'Stakeholder group', value: g => flow.groupNames.get(g.stakeholderGroupId) || g.name || g.stakeholderGroupId },
      { label: 'Cited', value: g => g.totals.CITED, num: true },
      { label: 'Summary only', value: g => g.totals.SUMMARISED, num: true },
      { label: 'Not yet handled', value: g => g.totals.NOT_YET_HANDLED, num: true },
      { label: 'Retracted', value: g => g.totals.RETRACTED, num: true },
    ], flow.coverage.byStakeholderGroup, { caption: 'Fates per stakeholder group' }),
    h('div', { class: 'row', style: 'margin:1rem 0' },
      h('div', { class: 'field', style: 'flex:0 1 18rem' }, h('label', { for: 'coverage-fate' }, 'Show'), fateSelect),
      h('button', {
        type: 'button', class: 'secondary', onclick: async () => {
          try {
            await download('/api/exports/coverage', { agendaId }, `coverage-${agendaId}.csv`);
          } catch (e) {
            clear(message, errorNotice(e, 'The export failed'));
          }
        },
      }, 'Download all as CSV')),
    message, list);
}

