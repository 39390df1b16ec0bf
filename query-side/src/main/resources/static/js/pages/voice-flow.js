// How voices flowed into one report: a Sankey of stakeholder groups → conversations → themes → the report's sections
// (or the fate of points none of its sections takes up), the report's sections with the voices behind them, and the
// coverage list of voices not (yet) cited. The flow is computed by the server for one report
// (GET /api/reports/{id}/voice-flow); this page only draws it. Every node and link opens the original words behind it.

import { download, query } from '../api.js';
import { chart } from '../charts.js';
import {
  $, clear, errorNotice, escapeHtml, FATE_LABELS, fateChip, formatDateTime, h, kindChip, notice, params, plural, shorten,
  table, words,
} from '../dom.js';
import { run } from '../shell.js';

run('voice-flow', async ({ agendaId, link }) => {
  const main = $('main');
  if (!agendaId) {
    clear(main, h('h1', {}, 'How voices reached the report'), notice('info', 'No Open Space session has been recorded yet.'));
    return;
  }
  const flow = await load(agendaId, params().get('report'));
  const intro = [
    h('h1', {}, 'How voices reached the report'),
    reportPicker(flow),
    h('p', { class: 'lede' }, 'From the people who spoke (by stakeholder group) through the conversations they spoke in and the themes their points were tagged with, ',
      'to the sections of the report that cite them — or to what became of the points none of its sections cites. Widths count key points. ',
      'Choose any band or box to read the original words behind it.'),
  ];
  if (!flow.report) {
    clear(main, ...intro,
      notice('info', 'No report has been started for this consultation yet, so no voice has reached one.'),
      coverageSection(flow, agendaId, link));
    return;
  }
  const chartElement = h('div', { class: 'chart tall', id: 'voice-flow-chart', style: `height:${chartHeight(flow)}px` });
  const quotes = h('section', { id: 'flow-quotes', 'aria-live': 'polite', tabindex: '-1' });
  clear(main, ...intro,
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

/**
 * The session's reports (those of its consultation), the chosen one's flow limited to the session's key points, its
 * sections' trails (consent notices) and the session's coverage. Any failure is shown, never drawn as "nothing".
 */
async function load(agendaId, reportId) {
  const agenda = await query(`/api/agendas/${encodeURIComponent(agendaId)}`);
  const reports = agenda.consultationId ? await query('/api/reports', { consultationId: agenda.consultationId }) : [];
  // The report named in the address, else the latest started.
  const report = reports.find(r => r.reportId === reportId) || reports[reports.length - 1] || null;
  const [coverage, voiceFlow] = await Promise.all([
    query('/api/coverage', { agendaId }),
    report ? query(`/api/reports/${encodeURIComponent(report.reportId)}/voice-flow`, { agendaId }) : null,
  ]);
  const groupNames = new Map(coverage.byStakeholderGroup.map(g => [g.stakeholderGroupId, g.name || g.stakeholderGroupId]));
  groupNames.set('anonymous', 'Anonymous (speaker not recorded)');
  const base = { agenda, reports, report, coverage, groupNames };
  if (!voiceFlow) return { ...base, keyPoints: new Map(), nodes: [], links: [], conversations: [], sections: [], sectionIds: [] };
  const sections = await Promise.all(voiceFlow.sections.map(s => query(`/api/audit-trail/sections/${encodeURIComponent(s.sectionId)}`)));
  const nodes = voiceFlow.nodes.map(n => ({ name: n.id, label: n.label, kind: n.kind.toLowerCase(), value: n.value, column: n.column }));
  return {
    ...base, voiceFlow, sections, nodes,
    sectionIds: voiceFlow.sections.map(s => s.sectionId),
    keyPoints: new Map(voiceFlow.keyPoints.map(k => [k.keyPointId, k])),
    links: voiceFlow.links.map(l => ({
      source: l.source, target: l.target, keyPointIds: new Set(l.keyPointIds), style: l.wholeConversation ? 'whole-conversation' : null,
    })),
    conversations: nodes.filter(n => n.kind === 'conversation'),
  };
}

/** Which report's flow is drawn; choosing another reloads the page with it in the address. */
function reportPicker(flow) {
  if (flow.reports.length < 2) {
    return flow.report ? h('p', { class: 'muted', id: 'report-shown' }, `Report: ${flow.report.title || flow.report.reportId}`) : null;
  }
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
    }, flow.reports.map(r => h('option', { value: r.reportId, selected: r.reportId === flow.report?.reportId },
      `${r.title || r.reportId} (${plural(r.sections, 'section')})`))));
}

const NODE_COLOURS = { group: '#8a6100', conversation: '#1d5f7a', theme: '#6a4c93', section: '#00795c', fate: '#8c8c8c' };
const NODE_WIDTH = 14;
const LABEL_GAP = 5; // ECharts' distance from a node to its label
const LABEL_FONT = 11;
const LABEL_LINE = 14;
// At least one label line between nodes of a column, so labels one above the other never overlap.
const NODE_GAP = LABEL_LINE + 4;
const HEADING_ROOM = 30;

const LABEL_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const measure = document.createElement('canvas').getContext('2d');

/**
 * The label cut with "…" to `room` pixels (measured in the label's font), so its light box fits the words and stops
 * before the next column; the full name stays in the tooltip and the table.
 */
function fit(text, room) {
  measure.font = `${LABEL_FONT}px ${LABEL_FAMILY}`;
  if (measure.measureText(text).width <= room) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= room) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low).trimEnd()}…`;
}

/** Height for the tallest column: a label line per node and room for the widths to mean something. */
function chartHeight(flow) {
  const perColumn = new Map();
  flow.nodes.forEach(n => perColumn.set(n.column, (perColumn.get(n.column) || 0) + 1));
  const most = Math.max(1, ...perColumn.values());
  return Math.max(420, HEADING_ROOM + 16 + most * (NODE_GAP + 16));
}

/**
 * The Sankey's option for a chart `width` pixels wide: the server's columns (groups, conversations, themes when the
 * report has any, then sections beside the fates), each headed inside the chart; every label on one line to the right
 * of its node, cut to the room before the next column (the last column's to the room kept at the right), so no label
 * leaves the chart or runs into the next column.
 */
function sankeyOption(flow, width) {
  const columns = flow.voiceFlow.columns;
  const left = 8;
  const right = Math.round(Math.min(300, Math.max(170, width * 0.24)));
  const step = columns.length > 1 ? (width - left - right - NODE_WIDTH) / (columns.length - 1) : 0;
  // the label's light box adds 3 px each side; keep 8 px more before the next column (or the chart's edge)
  const labelRoom = Math.max(40, Math.floor(step - NODE_WIDTH - LABEL_GAP - 14));
  const lastRoom = right - LABEL_GAP - 14;
  const last = columns[columns.length - 1].index;
  const labelOf = new Map(flow.nodes.map(n => [n.name, n.label || n.name]));
  const shown = new Map(flow.nodes.map(n => [n.name, fit(labelOf.get(n.name), n.column === last ? lastRoom : labelRoom)]));
  const nodes = flow.nodes.map(n => ({
    name: n.name, depth: columns.findIndex(c => c.index === n.column),
    itemStyle: { color: NODE_COLOURS[n.kind], borderColor: NODE_COLOURS[n.kind] },
  }));
  const headings = columns.map((c, i) => ({
    type: 'text', left: Math.round(left + i * step), top: 4, silent: true,
    style: {
      text: c.label, width: i === columns.length - 1 ? right + NODE_WIDTH - 4 : Math.max(40, step - 12), overflow: 'truncate',
      ellipsis: '…', font: `600 12px ${'system-ui, sans-serif'}`, fill: '#1f2a33',
    },
  }));
  return {
    labelOf,
    option: {
      graphic: headings,
      tooltip: {
        trigger: 'item',
        formatter: p => (p.dataType === 'edge'
          ? `${escapeHtml(labelOf.get(p.data.source))} → ${escapeHtml(labelOf.get(p.data.target))}<br>${plural(p.data.value, 'key point')}${p.data.style === 'whole-conversation' ? '<br>(the section cites the conversation as a whole)' : ''}<br><em>choose to read them</em>`
          : `${escapeHtml(labelOf.get(p.name))}<br>${plural(p.value, 'key point')}<br><em>choose to read them</em>`),
      },
      series: [{
        type: 'sankey', layoutIterations: 0, nodeGap: NODE_GAP, nodeWidth: NODE_WIDTH, draggable: false, nodeAlign: 'left',
        left, right, top: HEADING_ROOM, bottom: 12,
        emphasis: { focus: 'adjacency' },
        label: {
          // Plain, single-line labels cut to their room: wrapped ones are redrawn on hover, which swallows clicks.
          position: 'right', distance: LABEL_GAP, formatter: p => shown.get(p.name), fontSize: LABEL_FONT,
          fontFamily: LABEL_FAMILY, lineHeight: LABEL_LINE, color: '#1f2a33',
          // on a light box, so a label over the bands stays legible
          backgroundColor: 'rgba(255,255,255,0.85)', padding: [0, 3], borderRadius: 2,
        },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        data: nodes,
        links: flow.links.map(l => ({
          source: l.source, target: l.target, value: l.keyPointIds.size, style: l.style,
          lineStyle: l.style === 'whole-conversation' ? { color: '#9aa5ad', opacity: 0.3 } : undefined,
        })),
      }],
    },
  };
}

function drawSankey(element, flow, quotes, link) {
  // The server gives the nodes in drawing order with their labels and columns, and folds crowded columns.
  const { labelOf, option } = sankeyOption(flow, element.clientWidth);
  const instance = chart(element, option,
    `Sankey diagram: ${plural(flow.keyPoints.size, 'key point')} flowing from stakeholder groups through conversations${flow.voiceFlow.columns.length > 3 ? ' and themes' : ''} to report sections. The table under it lists the same flows.`);
  // Label room depends on the width: lay the chart out again when the window changes size.
  let pending = null;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(() => instance.setOption(sankeyOption(flow, element.clientWidth).option), 150);
  });
  instance.on('click', params => {
    if (params.dataType === 'edge') {
      const l = flow.links.find(x => x.source === params.data.source && x.target === params.data.target);
      showQuotes(quotes, flow, [...l.keyPointIds], `${labelOf.get(l.source)} → ${labelOf.get(l.target)}`, link);
    } else if (params.dataType === 'node') {
      const ids = new Set(flow.links.filter(x => x.source === params.name || x.target === params.name).flatMap(x => [...x.keyPointIds]));
      showQuotes(quotes, flow, [...ids], labelOf.get(params.name), link);
    }
  });
  element.dataset.nodes = String(flow.nodes.length);
}

function totalsLine(flow) {
  const t = flow.voiceFlow.totals;
  const stat = (value, label) => h('div', { class: 'card stat' }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
  return h('div', { class: 'cards', id: 'flow-totals', style: 'margin-bottom:1rem' },
    stat(t.keyPoints, `key points from ${plural(t.conversations, 'conversation')}`),
    stat(t.citedInReport, 'reach this report'),
    t.notInReport.CITED_WITH_CONVERSATION ? stat(t.notInReport.CITED_WITH_CONVERSATION, 'not in it: cited with their whole conversation in another report') : null,
    stat(t.notInReport.SUMMARISED, 'not in it: in a summary only'),
    stat(t.notInReport.NOT_YET_HANDLED, 'not in it: not yet handled'),
    t.notInReport.CITED ? stat(t.notInReport.CITED, 'not in it: cited in another report') : null,
    stat(t.sections, 'sections in this report'));
}

function conversationQuestion(flow, conversationId) {
  return flow.coverage.byConversation.find(c => c.conversationId === conversationId)?.question
    || flow.nodes.find(n => n.name === `c:${conversationId}`)?.label || conversationId;
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
    return h('section', {}, h('h2', {}, 'Report sections'), notice('info', 'No section of this report has been written yet.'));
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
        provenanceLinks(flow, s),
        inSession.length
          ? h('button', { type: 'button', class: 'secondary', onclick: () => showQuotes(quotes, flow, inSession.map(k => k.fate.keyPointId), `Section ${s.position}: ${s.heading}`, link) },
              `Read the ${plural(inSession.length, 'key point')} behind it`)
          : h('p', { class: 'small' }, 'No recorded key point of this session is behind this section.'));
    })));
}

// The W3C PROV export of the section as its latest published version holds it (GET /api/provenance/reports/{id}/
// versions/{n}/sections/{sid}): the words, edits, tags and summaries behind it, each with its event's position and chain
// hash. A failure (a note-taker may not export) is shown beside the links.
function provenanceLinks(flow, s) {
  if (!s.publishedVersion) return null;
  const message = h('div', { 'aria-live': 'polite' });
  const path = `/api/provenance/reports/${encodeURIComponent(flow.report.reportId)}/versions/${s.publishedVersion}/sections/${encodeURIComponent(s.sectionId)}`;
  const get = (format, extension, accept) => async event => {
    event.preventDefault();
    clear(message);
    try {
      await download(path, { format }, `section-${s.sectionId}-v${s.publishedVersion}${extension}`, accept);
    } catch (e) {
      clear(message, errorNotice(e, 'The provenance export failed'));
    }
  };
  return h('div', { class: 'small' },
    h('p', { class: 'small', style: 'margin:0.25rem 0' }, `Provenance of version ${s.publishedVersion} (W3C PROV): `,
      h('a', { href: `${path}?format=prov-json`, onclick: get('prov-json', '.prov.json', 'application/json') }, 'PROV-JSON'), ' · ',
      h('a', { href: `${path}?format=prov-o`, onclick: get('prov-o', '.prov-o.jsonld', 'application/ld+json') }, 'PROV-O (JSON-LD)')),
    message);
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

/** Plenary contributions and written ideas in scope, counted by the same fates as the key points. */
function otherVoices(coverage) {
  const line = (items, totals, what) => (items?.length
    ? h('li', {}, `${plural(items.length, what)}: ${totals.CITED} cited, ${totals.CITED_WITH_CONVERSATION} with their whole conversation, ${totals.NOT_YET_HANDLED} not yet handled.`)
    : null);
  const lines = [
    line(coverage.plenaryContributions, coverage.plenaryContributionTotals, 'plenary contribution'),
    line(coverage.ideas, coverage.ideaTotals, 'written idea'),
  ].filter(Boolean);
  return lines.length ? h('ul', { id: 'coverage-other-voices' }, lines) : null;
}

function coverageSection(flow, agendaId, link) {
  const isCited = k => k.fate === 'CITED' || k.fate === 'CITED_WITH_CONVERSATION';
  const notCited = flow.coverage.keyPoints.filter(k => !isCited(k));
  const totals = flow.coverage.totals;
  const list = h('div', {});
  const fateSelect = h('select', { id: 'coverage-fate' },
    h('option', { value: 'NOT_CITED' }, 'not (yet) cited'),
    ['NOT_YET_HANDLED', 'SUMMARISED', 'RETRACTED', 'CITED', 'CITED_WITH_CONVERSATION'].map(f => h('option', { value: f }, FATE_LABELS[f])),
    h('option', { value: '' }, 'every key point'));
  let shown = 50;
  const draw = () => {
    const fate = fateSelect.value;
    const matching = flow.coverage.keyPoints.filter(k => (fate === 'NOT_CITED' ? !isCited(k) : !fate || k.fate === fate));
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
    h('p', { class: 'lede' }, `${plural(notCited.length, 'key point')} of ${flow.coverage.keyPoints.length} in this session are not cited by any report section `,
      `(${totals.CITED || 0} are cited on their own or by theme, ${totals.CITED_WITH_CONVERSATION || 0} with their whole conversation): `,
      `${totals.SUMMARISED} only in a conversation summary, ${totals.NOT_YET_HANDLED} not yet handled at all, ${totals.RETRACTED} retracted.`),
    otherVoices(flow.coverage),
    table([
      { label: 'Stakeholder group', value: g => flow.groupNames.get(g.stakeholderGroupId) || g.name || g.stakeholderGroupId },
      { label: 'Cited', value: g => g.totals.CITED, num: true },
      { label: 'With its conversation', value: g => g.totals.CITED_WITH_CONVERSATION || 0, num: true },
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

