// The report as a document: choose a report of the session's consultation and a published version (or the draft);
// read it with superscript footnote numbers (each opens the original words behind the citation), choose any sentence
// to see the voices behind it with counts per stakeholder group, compare with another version, see the corrections
// needed, and export it as HTML or PDF. Everything comes from GET /api/reports/{id}/versions/{version} and its
// sub-resources (docs/query-api.md, "Report documents"); this page only draws them.

import { query } from '../api.js';
import { $, clear, errorNotice, formatDateTime, h, kindChip, notice, params, plural, table, time, words } from '../dom.js';
import { run } from '../shell.js';

run('report', async ({ agendaId, link }) => {
  const main = $('main');
  if (!agendaId) {
    clear(main, h('h1', {}, 'The report'), notice('info', 'No Open Space session has been recorded yet.'));
    return;
  }
  const agenda = await query(`/api/agendas/${encodeURIComponent(agendaId)}`);
  const reports = agenda.consultationId ? await query('/api/reports', { consultationId: agenda.consultationId }) : [];
  const wanted = params();
  const chosen = reports.find(r => r.reportId === wanted.get('report')) || reports[reports.length - 1];
  if (!chosen) {
    clear(main, h('h1', {}, 'The report'),
      notice('info', 'No report has been started for this session’s consultation yet.'));
    return;
  }
  const report = await query(`/api/reports/${encodeURIComponent(chosen.reportId)}`);
  const latest = report.versions.length ? String(report.versions[report.versions.length - 1].version) : 'draft';
  const version = wanted.get('version') && [...report.versions.map(v => String(v.version)), 'draft'].includes(wanted.get('version'))
    ? wanted.get('version') : latest;
  const base = `/api/reports/${encodeURIComponent(report.reportId)}/versions/${encodeURIComponent(version)}`;
  const compare = wanted.get('compare');
  const [document, diff] = await Promise.all([
    query(base),
    compare ? query(`${base}/diff`, { from: compare }) : null,
  ]);

  const trace = h('aside', { class: 'report-trace', id: 'trace', 'aria-live': 'polite', tabindex: '-1' },
    h('h2', {}, 'Behind the words'),
    h('p', { class: 'muted' }, 'Choose a sentence to see the voices behind it, or a footnote number to open the original words.'));
  const context = { report, version, base, document, trace, link };
  clear(main,
    h('h1', {}, report.title || report.reportId),
    pickers(reports, report, version, compare),
    versionLine(document, report, version),
    corrections(document),
    diff ? diffView(diff, document) : null,
    h('div', { class: 'report-layout' },
      h('article', { class: 'report-document', 'aria-label': `The report, ${versionName(document)}` },
        document.sections.length ? document.sections.map(section => sectionView(section, context))
          : notice('info', 'This version has no sections.'),
        appendix(document, context)),
      trace));
});

function versionName(document) {
  return document.versionNumber ? `version ${document.versionNumber}` : 'the draft (not published)';
}

/** Report, version and comparison: each choice reloads the page with it in the address, so it can be shared. */
function pickers(reports, report, version, compare) {
  const go = changes => {
    const url = new URL(location.href);
    for (const [key, value] of Object.entries(changes)) {
      if (value) url.searchParams.set(key, value); else url.searchParams.delete(key);
    }
    url.hash = '';
    location.assign(url);
  };
  const versions = [...report.versions].reverse().map(v => ({ value: String(v.version), label: `Version ${v.version} · ${formatDateTime(v.publishedAt)}` }));
  const exportBase = `/api/exports/reports/${encodeURIComponent(report.reportId)}/versions/${encodeURIComponent(version)}`;
  return h('div', { class: 'report-pickers' },
    reports.length > 1 ? h('div', { class: 'field' },
      h('label', { for: 'report-select' }, 'Report'),
      h('select', { id: 'report-select', onchange: e => go({ report: e.target.value, version: null, compare: null }) },
        reports.map(r => h('option', { value: r.reportId, selected: r.reportId === report.reportId }, r.title || r.reportId)))) : null,
    h('div', { class: 'field' },
      h('label', { for: 'version-select' }, 'Version'),
      h('select', { id: 'version-select', onchange: e => go({ version: e.target.value, compare: null }) },
        versions.map(v => h('option', { value: v.value, selected: v.value === version }, v.label)),
        h('option', { value: 'draft', selected: version === 'draft' }, 'Draft (not published)'))),
    h('div', { class: 'field' },
      h('label', { for: 'compare-select' }, 'Compare with'),
      h('select', { id: 'compare-select', onchange: e => go({ compare: e.target.value }) },
        h('option', { value: '' }, 'no comparison'),
        versions.filter(v => v.value !== version).map(v => h('option', { value: v.value, selected: v.value === compare }, v.label)),
        version !== 'draft' ? h('option', { value: 'draft', selected: compare === 'draft' }, 'the draft') : null)),
    h('p', { class: 'report-exports' }, 'Export: ',
      h('a', { href: `${exportBase}.html`, target: '_blank', rel: 'noopener', id: 'export-html' }, 'HTML'), ' · ',
      h('a', { href: `${exportBase}.pdf`, target: '_blank', rel: 'noopener', id: 'export-pdf' }, 'PDF')));
}

function versionLine(document, report, version) {
  if (version === 'draft') {
    return h('p', { class: 'lede' }, `The draft as it stands: ${plural(document.sections.length, 'section')}, `,
      `${plural(document.footnotes.length, 'citation')}. ${report.versions.length ? plural(report.versions.length, 'version') + ' published.' : 'Nothing published yet.'}`);
  }
  return h('p', { class: 'lede' },
    h('strong', {}, `Version ${document.versionNumber}`), ', published ', time(document.publishedAt),
    document.publishedBy ? ` by ${document.publishedBy}` : '', document.latest ? ' (the latest)' : '', '. ',
    document.changeNote ? h('span', {}, 'What changed: ', h('em', {}, document.changeNote), '. ') : null,
    `${plural(document.sections.length, 'section')}, ${plural(document.footnotes.length, 'citation')}, ${plural(document.voices.length, 'cited voice')}.`);
}

function corrections(document) {
  if (document.correctionsNeeded.length) {
    return notice('warn', h('h2', {}, `Corrections needed (${document.correctionsNeeded.length})`),
      h('p', {}, 'Since this version was published, a quoted speaker withdrew consent to be quoted or was erased. Publish a corrected version.'),
      h('ul', { id: 'corrections' }, document.correctionsNeeded.map(c => h('li', {},
        h('a', { href: `#section-${c.sectionId}` }, c.heading), `, key point ${c.keyPointId}: ${c.description} (`, time(c.occurredAt), ')'))));
  }
  if (document.versionNumber && !document.latest) {
    return h('p', { class: 'muted' }, 'Corrections needed are tracked for the latest version only.');
  }
  return document.versionNumber ? h('p', { class: 'muted', id: 'corrections-none' }, 'No corrections needed: no quoted speaker has withdrawn consent or been erased since publication.') : null;
}

function sectionView(section, context) {
  const { document } = context;
  const paragraphs = [];
  let current = null;
  for (const sentence of section.sentences) {
    if (!current || sentence.startsParagraph) {
      current = h('p', {});
      paragraphs.push(current);
    } else {
      current.append(' ');
    }
    const span = h('span', {
      class: 'sentence', tabindex: '0', role: 'button', dataset: { index: sentence.index },
      'aria-label': `Sentence ${sentence.index}: show the voices behind it`,
      onclick: () => showSentence(section, sentence, span, context),
      onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); showSentence(section, sentence, span, context); } },
    }, sentence.text);
    current.append(span, ...footnoteCalls(sentence.footnotes, context));
  }
  const notes = document.footnotes.filter(f => f.sectionId === section.sectionId);
  return h('section', { class: 'report-section', id: `section-${section.sectionId}` },
    h('h2', {}, `${section.position}. ${section.heading}`),
    section.wholeSectionFootnotes.length ? h('p', { class: 'muted whole-section' }, 'Supported throughout by ',
      footnoteCalls(section.wholeSectionFootnotes, context)) : null,
    paragraphs,
    notes.length ? h('details', { class: 'report-notes' },
      h('summary', {}, notes.length === 1 ? `Note ${notes[0].number}`
        : `Notes ${notes[0].number}–${notes[notes.length - 1].number} (${plural(notes.length, 'citation')})`),
      h('ol', { start: notes[0].number }, notes.map(f => h('li', { id: `note-${f.number}` }, footnoteSummary(f, context))))) : null);
}

/** Footnote numbers after a sentence, separated by commas so that 13, 15 and 16 never read as 131516. */
function footnoteCalls(numbers, context) {
  return numbers.flatMap((n, i) => (i ? [h('sup', { class: 'footnote-sep' }, ','), footnoteCall(n, context)] : [footnoteCall(n, context)]));
}

function footnoteCall(number, context) {
  return h('sup', {}, h('button', {
    class: 'footnote-call', type: 'button', 'aria-label': `Footnote ${number}: open the words behind it`,
    onclick: event => { event.stopPropagation(); showFootnote(number, context); },
  }, String(number)));
}

function showFootnote(number, context) {
  const footnote = context.document.footnotes.find(f => f.number === number);
  clear(context.trace, h('h2', {}, `Footnote ${number}`), footnoteDetail(footnote, context));
  context.trace.focus();
}

async function showSentence(section, sentence, span, context) {
  document.querySelectorAll('.sentence.chosen').forEach(s => s.classList.remove('chosen'));
  span.classList.add('chosen');
  clear(context.trace, h('h2', {}, 'Behind the sentence'), h('p', { class: 'muted' }, 'Loading…'));
  try {
    const trace = await query(`${context.base}/sections/${encodeURIComponent(section.sectionId)}/sentences/${sentence.index}`);
    clear(context.trace, h('h2', {}, 'Behind the sentence'),
      h('blockquote', { class: 'chosen-sentence' }, trace.text),
      h('p', {}, `${section.position}. ${section.heading}, sentence ${trace.index}. `,
        trace.footnotes.length ? `${plural(trace.footnotes.length, 'citation')}: ` : 'No citation supports it.',
        footnoteCalls(trace.footnotes.map(f => f.number), context)),
      trace.words.length ? [
        h('h3', {}, `${plural(trace.distinctVoices, 'voice')} by stakeholder group`),
        table([
          { label: 'Stakeholder group', value: row => row.name },
          { label: 'Voices', value: row => String(row.count), num: true },
        ], Object.entries(trace.voicesByStakeholderGroup).map(([group, count]) => ({
          name: group === 'anonymous' ? 'Anonymous (speaker not recorded)' : trace.stakeholderGroupNames[group] || group, count })),
        { caption: 'Distinct voices behind the sentence per stakeholder group' }),
        h('h3', {}, 'Their words'),
        h('ul', { class: 'traced-words' }, trace.words.map(w => h('li', {},
          h('span', { class: 'chip status' }, `[${w.footnote}] ${w.via}`), ' ',
          w.keyPoint ? keyPointWords(w.keyPoint, context) : w.contributed ? contributedWords(w.contributed, context) : ideaWords(w.idea)))),
      ] : notice('info', 'No recorded words stand behind this sentence.'));
  } catch (e) {
    clear(context.trace, h('h2', {}, 'Behind the sentence'), errorNotice(e, 'The sentence could not be traced'));
  }
  context.trace.focus();
}

function footnoteSummary(footnote, context) {
  return h('button', { class: 'link', type: 'button', onclick: () => showFootnote(footnote.number, context) },
    summaryText(footnote));
}

function summaryText(footnote) {
  if (!footnote.found) return `${footnote.kind.toLowerCase().replace('_', ' ')} ${footnote.targetId} (not in the record)`;
  if (footnote.keyPoint) {
    const k = footnote.keyPoint;
    const said = k.current?.plain ? `“${k.current.plain}”` : '(words withdrawn)';
    return `${footnote.kind === 'QUOTE' ? 'Quote' : 'Key point'}: ${said} — ${k.speaker || 'anonymous'}`;
  }
  if (footnote.conversation) return `The conversation “${footnote.conversation.title || footnote.conversation.conversationId}” as a whole`;
  if (footnote.theme) return `The theme “${footnote.theme.name}” (${plural(footnote.theme.taggedPoints.length, 'tagged key point')})`;
  if (footnote.idea) return `A written idea${footnote.idea.stakeholderGroup ? ` from ${footnote.idea.stakeholderGroup.name}` : ''}`;
  if (footnote.contributed) {
    const c = footnote.contributed;
    const said = c.text?.plain ? `“${c.text.plain}”` : '(words withdrawn)';
    return `${c.kind === 'SESSION_FEEDBACK' ? 'Feedback on the session' : 'Added in the plenary'}: ${said} — ${c.voice || 'anonymous'}`;
  }
  return footnote.targetId;
}

function footnoteDetail(footnote, context) {
  if (!footnote.found) return notice('warn', `${summaryText(footnote)}.`);
  const whole = footnote.wholeSection ? h('p', { class: 'muted' }, 'No anchor names this citation: it supports the whole section.') : null;
  if (footnote.keyPoint) {
    return [h('p', {}, h('strong', {}, footnote.kind === 'QUOTE' ? 'Quoted' : 'Cited as evidence')), keyPointWords(footnote.keyPoint, context), whole];
  }
  if (footnote.conversation) {
    const c = footnote.conversation;
    return [h('p', {}, 'The conversation ', h('a', { href: context.link(`conversation.html?id=${encodeURIComponent(c.conversationId)}`) }, `“${c.title || c.conversationId}”`),
      ' is cited as a whole', c.round ? ` (round ${c.round}, ${c.room || 'no room'})` : '', '.'),
    c.summary ? [h('h3', {}, 'Its summary'), h('blockquote', {}, c.summary.text),
      h('p', { class: 'muted' }, `By ${c.summary.summarisedBy || 'unknown'}, `, time(c.summary.at), `; it takes up ${plural(c.summary.citedKeyPointIds.length, 'key point')}.`)]
      : notice('info', 'This conversation has no summary yet.'), whole];
  }
  if (footnote.theme) {
    const t = footnote.theme;
    return [h('p', {}, `The theme “${t.name}”`, t.description ? ` — ${t.description}` : '', '. ',
      context.document.versionNumber ? 'Its key points as tagged when this version was published:' : 'Its key points as tagged now:'),
    t.taggedPoints.length ? h('ul', { class: 'traced-words' }, t.taggedPoints.map(k => h('li', {}, keyPointWords(k, context))))
      : notice('info', 'No key point was tagged with it.'), whole];
  }
  if (footnote.contributed) return [contributedWords(footnote.contributed, context), whole];
  return [ideaWords(footnote.idea), whole];
}

/** Words said outside the key points: a plenary contribution about a conversation, or feedback on the session. */
function contributedWords(c, context) {
  const where = c.conversationId
    ? ['about ', h('a', { href: context.link(`conversation.html?id=${encodeURIComponent(c.conversationId)}#pc-${encodeURIComponent(c.id)}`) }, 'its conversation')]
    : 'on the session as a whole';
  return h('div', { class: 'key-point-words' },
    h('p', { class: 'said' }, words(c.text, { quote: c.verbatim })),
    h('p', { class: 'muted' }, c.kind === 'SESSION_FEEDBACK' ? 'Feedback from ' : 'Added in the plenary by ',
      c.voice || 'an anonymous participant',
      groupNames(c.stakeholderGroups) ? ` (${groupNames(c.stakeholderGroups)})` : '', ', ', where,
      c.verbatim ? ', verbatim' : '', c.at ? [', ', time(c.at)] : ''));
}

/** A key point down to its original words: speaker, group, conversation, the original beside every edit, retraction. */
function keyPointWords(k, context) {
  return h('div', { class: 'key-point-words' },
    h('p', { class: 'said' }, kindChip(k.kind), ' ', words(k.current, { quote: true })),
    h('p', { class: 'muted' }, k.speaker || 'anonymous (speaker not recorded)',
      groupNames(k.stakeholderGroups) ? ` (${groupNames(k.stakeholderGroups)})` : '',
      ' in ', h('a', { href: context.link(`conversation.html?id=${encodeURIComponent(k.conversationId)}`) }, k.conversationTitle || k.conversationId),
      k.saidAt ? [', ', time(k.saidAt)] : ''),
    k.edits.length ? h('div', { class: 'compare' },
      h('div', {}, h('h4', {}, 'Original'), words(k.original, { quote: true })),
      h('div', {}, h('h4', {}, `${plural(k.edits.length, 'edit')}`),
        k.edits.map(e => h('div', {}, words(e.text, { quote: true }),
          h('div', { class: 'edit-meta' }, `${e.editedBy ? `by ${e.editedBy}, ` : ''}because “${e.reason}”, `, time(e.at)))))) : null,
    k.retraction ? notice('warn', h('strong', {}, 'Retracted: '), k.retraction.reason,
      k.retraction.retractedBy ? ` (by ${k.retraction.retractedBy})` : '') : null);
}

/** Stakeholder groups by name; "anonymous" (no speaker recorded, so no group) is not a group. */
function groupNames(groups) {
  return groups.filter(g => g.groupId !== 'anonymous').map(g => g.name).join(', ');
}

function ideaWords(idea) {
  return h('div', { class: 'key-point-words' },
    h('p', { class: 'said' }, words(idea.text, { quote: true })),
    h('p', { class: 'muted' }, 'A written idea', idea.stakeholderGroup ? ` from ${idea.stakeholderGroup.name}` : '', idea.at ? [', ', time(idea.at)] : ''));
}

function appendix(document, context) {
  return h('section', { class: 'report-appendix', id: 'appendix' },
    h('h2', {}, `Appendix: the voices cited (${document.voices.length})`),
    document.voices.length ? table([
      { label: 'Voice', value: v => v.voice },
      { label: 'Stakeholder groups', value: v => groupNames(v.stakeholderGroups) || 'not recorded' },
      { label: 'Conversations', value: v => v.conversations.map((c, i) => [i ? ', ' : '',
        h('a', { href: context.link(`conversation.html?id=${encodeURIComponent(c.conversationId)}`) }, c.title || c.conversationId)]) },
      { label: 'Footnotes', value: v => footnoteCalls(v.footnotes, context) },
    ], document.voices, { caption: 'Every cited voice with its conversations and stakeholder groups' })
      : notice('info', 'No voice is cited.'));
}

const CHANGE_WORDS = { ADDED: 'added', REMOVED: 'removed', CHANGED: 'changed', UNCHANGED: 'unchanged' };

function diffView(diff, document) {
  // a citation by what it points at, where this version's footnotes know it; else by kind and id
  const known = new Map(document.footnotes.filter(f => f.found).map(f => [`${f.kind} ${f.targetId}`, summaryText(f)]));
  const citation = c => known.get(`${c.kind} ${c.targetId}`) || `${c.kind.toLowerCase().replace('_', ' ')} ${c.targetId}`;
  const name = v => (v === 'draft' ? 'the draft' : v === '0' ? 'nothing (before the first version)' : `version ${v}`);
  return h('section', { class: 'report-diff card', id: 'diff' },
    h('h2', {}, `From ${name(diff.from)} to ${name(diff.to)}`),
    h('p', {}, `${plural(diff.added, 'section')} added, ${diff.removed} removed, ${diff.changed} changed, ${diff.unchanged} unchanged.`),
    diff.sections.filter(s => s.change !== 'UNCHANGED').map(s => h('div', { class: `diff-section diff-${s.change}` },
      h('h3', {}, h('span', { class: 'chip status' }, CHANGE_WORDS[s.change]), ' ',
        s.headingChanged && s.fromHeading && s.toHeading ? `${s.fromHeading} → ${s.toHeading}` : (s.toHeading || s.fromHeading),
        s.fromPosition && s.toPosition && s.fromPosition !== s.toPosition ? ` (moved from ${s.fromPosition} to ${s.toPosition})` : ''),
      s.change === 'CHANGED' && s.textChanged ? h('div', { class: 'compare' },
        h('div', {}, h('h4', {}, name(diff.from)), stripAnchors(s.fromText)),
        h('div', {}, h('h4', {}, name(diff.to)), stripAnchors(s.toText))) : null,
      s.citationsIn.length ? [h('p', { class: 'diff-label' }, h('strong', {}, 'Citations that came in')),
        h('ul', {}, s.citationsIn.map(c => h('li', {}, citation(c))))] : null,
      s.citationsOut.length ? [h('p', { class: 'diff-label' }, h('strong', {}, 'Citations that left')),
        h('ul', {}, s.citationsOut.map(c => h('li', {}, citation(c))))] : null)));
}

function stripAnchors(text) {
  return (text || '').replace(/\[\^\d+\]/g, '');
}
