// One conversation: who hosted it, how many came and when, its key points by kind with every quote's edit history
// (original beside edited), its summary, and where its points were cited in the report. Note-takers and
// facilitators also get the forms to record and edit key points.

import { command, query } from '../api.js';
import { chart, asTable, COLOURS } from '../charts.js';
import {
  $, clear, errorNotice, fateChip, formatDateTime, formatTime, h, KINDS, KIND_LABELS, kindChip, notice, params, plural,
  table, time, words,
} from '../dom.js';
import { keyPointForm } from '../keypoint-form.js';
import { hostNames, lineageLines, proposalsById, roomName } from '../records.js';
import { run } from '../shell.js';

const LINEAGE_WORDS = {
  PROPOSED: 'proposed', PITCHED: 'pitched', MERGED_FROM: 'merged from other proposals', MERGED_INTO: 'merged into another',
  CLARIFIED: 'clarified and kept apart', SPLIT_FROM: 'split from another proposal', SPLIT_INTO: 'split into parts',
  WITHDRAWN: 'withdrawn', SCHEDULED: 'scheduled', MOVED: 'moved', STARTED: 'started',
  MERGE_REVERSED: 'merge reversed',
};

run('conversation', async context => {
  const conversationId = params().get('id');
  const main = $('main');
  if (!conversationId) {
    clear(main, h('h1', {}, 'Conversation'), notice('info', 'Choose a conversation on the ', h('a', { href: context.link('index.html') }, 'agenda'), '.'));
    return;
  }
  await draw(conversationId, context);
});

/** A 404 here means "not recorded yet" for this view (e.g. nobody has attended); any other failure is shown. */
const noneYet = e => (e.status === 404 ? null : Promise.reject(e));

async function load(conversationId) {
  const id = encodeURIComponent(conversationId);
  const [conversation, participation, coverage, presence, citing] = await Promise.all([
    query(`/api/conversations/${id}`).catch(noneYet),
    query(`/api/participation/conversations/${id}`).catch(noneYet),
    query('/api/coverage', { conversationId }),
    query(`/api/conversations/${id}/presence`).catch(noneYet),
    query(`/api/conversations/${id}/citing-sections`).catch(noneYet),
  ]);
  const agendaId = conversation?.agendaId || participation?.agendaId || presence?.agendaId || coverage.keyPoints[0]?.agendaId;
  const agenda = agendaId ? await query(`/api/agendas/${encodeURIComponent(agendaId)}`) : null;
  const keyPoints = [...coverage.keyPoints].sort((a, b) => (a.saidAt || '').localeCompare(b.saidAt || '') || a.keyPointId.localeCompare(b.keyPointId));
  const histories = editHistories(conversation);
  const corrections = new Map((conversation?.keyPoints || []).map(k => [k.keyPointId, k]));
  return { conversation, participation, keyPoints, presence, agenda, histories, corrections, sections: citing?.sections || [] };
}

/**
 * Edit histories of the edited key points, cited or not: the conversation endpoint holds every key point's original
 * words beside every edit (who, why, when).
 */
function editHistories(conversation) {
  const histories = new Map();
  for (const keyPoint of conversation?.keyPoints || []) {
    if (keyPoint.edits?.length) histories.set(keyPoint.keyPointId, { original: keyPoint.original, edits: keyPoint.edits });
  }
  return histories;
}

async function draw(conversationId, context) {
  const main = $('main');
  const data = await load(conversationId);
  const { conversation, participation, keyPoints, presence, agenda, histories, corrections, sections } = data;
  const byId = agenda ? proposalsById(agenda) : new Map();
  const proposal = byId.get(conversationId);
  if (!conversation && !proposal && !participation && !keyPoints.length) {
    clear(main, h('h1', {}, 'Conversation'), notice('warn', `No conversation “${conversationId}” is on record.`));
    return;
  }
  const round = agenda?.rounds.find(r => r.round === (proposal?.slot?.round ?? conversation?.round ?? participation?.round));
  const room = proposal?.slot?.room ?? conversation?.room ?? participation?.room;
  const question = proposal?.question || conversation?.question || participation?.question || conversationId;
  document.title = `${question} · Consultation tracker`;

  clear(main,
    h('nav', { 'aria-label': 'Breadcrumb', class: 'small' },
      h('a', { href: context.link('index.html') }, agenda?.title || 'Agenda'), ' › ',
      round ? `Round ${round.round}` : 'not on the grid', room ? `, ${roomName(room)}` : ''),
    h('h1', { id: 'conversation-question' }, question),
    facts(proposal, conversation, participation, byId, keyPoints),
    discrepancySection(conversation),
    h('div', { class: 'two-col' },
      h('div', {},
        h('h2', {}, 'Key points'),
        keyPointsByKind(keyPoints, histories, context, conversationId, { corrections, agenda, byId }),
        movedOutSection(conversation, byId, context),
        context.can.record ? recordSection(conversationId, () => draw(conversationId, context)) : null),
      h('aside', {},
        attendanceSection(presence, participation),
        summarySection(conversation, keyPoints),
        plenaryContributionsSection(conversation),
        citedSection(sections, context),
        lineageSection(proposal, byId))));

  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) {
    target.classList.add('target');
    target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }
}

function facts(proposal, conversation, participation, byId, keyPoints) {
  const status = { SCHEDULED: 'scheduled', IN_PROGRESS: 'in progress', HELD: 'held', NOT_HELD: 'not held' };
  const moves = list => (list || []).reduce((sum, m) => sum + m.count, 0);
  return h('dl', { class: 'facts card', id: 'conversation-facts' },
    h('dt', {}, 'Hosted by'), h('dd', {}, hostNames(proposal?.hosts?.length ? proposal.hosts : conversation?.hosts)),
    h('dt', {}, 'Status'), h('dd', {}, status[proposal?.conversationStatus] || proposal?.conversationStatus || '—'),
    h('dt', {}, 'Participants'), h('dd', { class: 'numbers', id: 'participant-numbers' }, participation
      ? `${participation.initial} at the start (initial) · ${participation.highestSustained} highest sustained · ${participation.peak} at the peak · ${plural(participation.uniqueVisitors, 'person', 'people')} in all`
      : 'no attendance recorded'),
    participation && (moves(participation.arrivalsFrom) || moves(participation.departuresTo))
      ? [h('dt', {}, 'Moves'), h('dd', {}, `${moves(participation.arrivalsFrom)} came from other rooms, ${moves(participation.departuresTo)} left for other rooms`)]
      : null,
    h('dt', {}, 'Key points'), h('dd', {}, plural(keyPoints.filter(k => k.fate !== 'RETRACTED').length, 'key point'),
      `, of which ${keyPoints.filter(k => k.verbatim).length} verbatim quotes`));
}

/**
 * What looks wrong in the record, as the read side found it (the API's `discrepancies`): here each key point whose
 * speaker was not in the room when it was said, in words, with a link to the point.
 */
function discrepancySection(conversation) {
  const found = (conversation?.keyPoints || []).filter(k => k.notInRoom);
  if (!found.length) return null;
  return notice('warn', h('strong', {}, `${plural(found.length, 'discrepancy', 'discrepancies')} in this record: `),
    h('ul', { id: 'conversation-discrepancies' }, found.map(k => h('li', {},
      h('a', { href: `#kp-${k.keyPointId}` }, `“${k.current?.plain || k.keyPointId}”`),
      ` is attributed to ${k.speaker}, who was not in this room at ${formatTime(k.saidAt)} `
      + '(no join to this conversation covers that time, or they had left). It is kept as recorded; '
      + 'if it was said in another room, move it there.'))));
}

/** Key points once filed here and moved to the conversation they were said in: where they went, and why. */
function movedOutSection(conversation, byId, context) {
  const moved = conversation?.movedOut || [];
  if (!moved.length) return null;
  return h('section', { 'aria-labelledby': 'moved-out-heading', id: 'moved-out' },
    h('h3', { id: 'moved-out-heading' }, 'Moved to another conversation'),
    h('ul', {}, moved.map(m => h('li', { dataset: { keyPointId: m.keyPointId } },
      'Key point ', h('a', { href: context.link(`conversation.html?id=${encodeURIComponent(m.toConversationId)}#kp-${encodeURIComponent(m.keyPointId)}`) },
        m.keyPointId), ` → “${byId.get(m.toConversationId)?.question || m.toConversationId}”, ${formatDateTime(m.at)} — reason: ${m.reason}`))));
}

function keyPointsByKind(keyPoints, histories, context, conversationId, extra = {}) {
  if (!keyPoints.length) return notice('info', 'No key points recorded yet.');
  return KINDS.filter(kind => keyPoints.some(k => k.kind === kind)).map(kind => {
    const ofKind = keyPoints.filter(k => k.kind === kind);
    return h('section', { class: 'kind-group', 'aria-labelledby': `kind-${kind}` },
      h('h3', { id: `kind-${kind}` }, KIND_LABELS[kind], h('span', { class: 'muted small' }, `(${ofKind.length})`)),
      h('ol', { class: 'keypoints' }, ofKind.map(k => keyPointItem(k, histories.get(k.keyPointId), context, conversationId, extra))));
  });
}

function keyPointItem(k, history, context, conversationId, { corrections = new Map(), agenda = null, byId = new Map() } = {}) {
  const corrected = corrections.get(k.keyPointId);
  const item = h('li', { class: 'keypoint', id: `kp-${k.keyPointId}`, dataset: { keyPointId: k.keyPointId, verbatim: String(k.verbatim) } },
    h('blockquote', { class: k.verbatim ? 'quote' : 'paraphrase' }, words(k.text)),
    h('div', { class: 'meta' },
      kindChip(k.kind),
      h('span', {}, k.verbatim ? 'quote' : 'note'),
      h('span', {}, k.voice ? `said by ${k.voice}` : 'anonymous'),
      k.saidAt ? h('span', {}, 'at ', time(k.saidAt, formatTime)) : null,
      fateChip(k.fate, k.fateDetail),
      k.fate === 'RETRACTED' ? h('span', {}, `retracted: ${k.retractionReason}`) : null,
      // which section: on its own, by a theme, or with the whole conversation
      k.fate === 'CITED' || k.fate === 'CITED_WITH_CONVERSATION' ? h('span', { class: 'small muted' }, k.fateDetail) : null,
      corrected?.notInRoom ? h('span', { class: 'chip discrepancy', title: 'No recorded join to this conversation covers the time it was said, or the speaker had left' },
        'speaker not in the room then') : null),
    corrected?.moves?.length ? h('ul', { class: 'moves small' }, corrected.moves.map(m => h('li', {},
      'Moved here from ', h('a', { href: context.link(`conversation.html?id=${encodeURIComponent(m.fromConversationId)}`) },
        `“${byId.get(m.fromConversationId)?.question || m.fromConversationId}”`),
      m.toConversationId !== conversationId ? ` to ${m.toConversationId}` : '',
      `, ${formatDateTime(m.at)}${m.movedBy ? ` by ${m.movedBy}` : ''} — reason: ${m.reason}`))) : null,
    history ? editHistory(k, history) : null);
  if (context.can.record && k.fate !== 'RETRACTED' && !k.text?.withdrawn) {
    item.append(editControl(k, conversationId, () => draw(conversationId, context)));
    if (agenda) item.append(moveControl(k, conversationId, agenda, () => draw(conversationId, context)));
  }
  return item;
}

function editHistory(k, history) {
  const versions = [{ text: history.original }, ...history.edits];
  return h('details', { class: 'edit-history', open: true },
    h('summary', {}, `Edited ${plural(history.edits.length, 'time')}: the original beside the edit`),
    history.edits.map((edit, i) => h('div', { class: 'compare', dataset: { edit: String(i + 1) } },
      h('div', { class: 'original' }, h('h4', {}, i === 0 ? 'Original, as recorded' : `Version ${i}`), words(versions[i].text)),
      h('div', { class: 'edited' }, h('h4', {}, i === history.edits.length - 1 ? 'Edited (current)' : `Edit ${i + 1}`), words(edit.text),
        h('div', { class: 'edit-meta' }, `by ${edit.editedBy}, ${formatDateTime(edit.at)} — reason: ${edit.reason}`)))));
}

function attendanceSection(presence, participation) {
  const section = h('section', { 'aria-labelledby': 'attendance-heading' }, h('h2', { id: 'attendance-heading' }, 'Attendance over the round'));
  const steps = attendanceSteps(presence);
  if (steps.length < 2) {
    section.append(notice('info', 'No attendance recorded yet.'));
    return section;
  }
  const element = h('div', { class: 'chart', id: 'attendance-chart' });
  section.append(element);
  const lines = [];
  if (participation) {
    const same = participation.initial === participation.highestSustained;
    lines.push({ name: same ? `initial and sustained: ${participation.initial}` : `initial: ${participation.initial}`,
                 yAxis: participation.initial, lineStyle: { color: COLOURS.initial, type: 'dashed' } });
    if (!same) {
      lines.push({ name: `sustained: ${participation.highestSustained}`, yAxis: participation.highestSustained,
                   lineStyle: { color: COLOURS.sustained, type: 'dashed' } });
    }
  }
  queueMicrotask(() => chart(element, {
    grid: { left: 44, right: 24, top: 36, bottom: 36 },
    tooltip: { trigger: 'axis', valueFormatter: v => plural(v, 'person', 'people') },
    xAxis: { type: 'time', splitNumber: 4, axisLabel: { hideOverlap: true, formatter: value => formatTime(value) } },
    yAxis: { type: 'value', minInterval: 1, name: 'people', nameLocation: 'middle', nameGap: 28 },
    series: [{
      name: 'present', type: 'line', step: 'end', symbol: 'none', data: steps.map(s => [s.at, s.present]),
      lineStyle: { color: COLOURS.peak, width: 2 }, areaStyle: { color: 'rgba(179,84,30,0.12)' },
      markLine: { symbol: 'none', label: { formatter: '{b}', position: 'insideStartTop' }, data: lines },
    }],
  }, `People present in the room over the round; ${participation ? `${participation.initial} at the start, ${participation.highestSustained} sustained, ${participation.peak} at the peak` : ''}`));
  section.append(asTable('Arrivals and departures as a table', [
    { label: 'Time', value: s => time(s.at, formatTime) },
    { label: 'What', value: s => s.what },
    { label: 'Present', value: s => s.present, num: true },
  ], steps));
  return section;
}

const STEP_WORDS = { STARTED: 'started the conversation (host)', JOINED: 'joined', LEFT: 'left' };

/** People present after each arrival and departure, as the presence timeline gives them, from the round's opening. */
function attendanceSteps(presence) {
  if (!presence?.steps.length) return [];
  const steps = [{ at: presence.roundOpenedAt || presence.steps[0].at, present: 0, what: 'round opened' }];
  for (const s of presence.steps) {
    const moved = s.otherConversationId ? (s.kind === 'LEFT' ? ' for another room' : ' from another room') : '';
    steps.push({ at: s.at, present: s.present, what: `${s.label} ${STEP_WORDS[s.kind] || s.kind.toLowerCase()}${moved}` });
  }
  if (presence.endsAt) steps.push({ at: presence.endsAt, present: steps[steps.length - 1].present, what: 'round closed' });
  return steps;
}

function summarySection(conversation, keyPoints) {
  const taken = keyPoints.filter(k => k.summarisedInConversationId).length;
  const summary = conversation?.summary;
  const plenary = conversation?.plenarySummary;
  return h('section', { 'aria-labelledby': 'summary-heading', id: 'summary' },
    h('h2', { id: 'summary-heading' }, 'Summary'),
    summary
      ? h('div', { class: 'card' },
          summary.withdrawnWordsCited?.length
            ? notice('warn', h('strong', {}, 'This summary needs a new version. '),
              `It cites ${plural(summary.withdrawnWordsCited.length, 'key point')} whose words were withdrawn at the `
              + 'speaker’s request. The summary is the group’s record and is kept as written, so it may repeat those '
              + 'words: record a new summary that does not.')
            : null,
          h('blockquote', { class: 'paraphrase', id: 'summary-text', style: 'margin-top:0' }, summary.text || '—'),
          h('p', { style: 'margin-bottom:0' }, `Summarised by ${summary.summarisedBy} on ${formatDateTime(summary.at)}`,
            `; it takes up ${plural(taken, 'key point')}, marked “in a summary” above.`))
      : notice('info', 'Not summarised yet.'),
    plenary
      ? h('div', { class: 'card', id: 'plenary-summary' },
          h('h3', { style: 'margin-top:0' }, 'Told to the plenary'),
          h('blockquote', { class: 'paraphrase' }, plenary.text || '—'),
          h('p', { class: 'small muted', style: 'margin-bottom:0' },
            plenary.presentedBy ? `by ${plenary.presentedBy.label}, ` : '', formatDateTime(plenary.at)))
      : null);
}

/**
 * What was added in the plenary about this conversation (reactions and further points), each with its fate: a report
 * section may cite it on its own (PLENARY_CONTRIBUTION) or with the whole conversation.
 */
function plenaryContributionsSection(conversation) {
  const contributions = conversation?.plenaryContributions || [];
  if (!contributions.length) return null;
  return h('section', { 'aria-labelledby': 'plenary-contributions-heading', id: 'plenary-contributions' },
    h('h2', { id: 'plenary-contributions-heading' }, 'Added in the plenary', h('span', { class: 'muted small' }, ` (${contributions.length})`)),
    h('ol', { class: 'keypoints' }, contributions.map(c => h('li', { class: 'keypoint', id: `pc-${c.contributionId}`, dataset: { contributionId: c.contributionId } },
      h('blockquote', { class: 'paraphrase' }, words(c.text)),
      h('div', { class: 'meta' },
        h('span', {}, c.voice ? `said by ${c.voice}` : 'anonymous'),
        c.at ? h('span', {}, 'at ', time(c.at, formatTime)) : null,
        fateChip(c.fate, c.fateDetail),
        c.fate !== 'NOT_YET_HANDLED' ? h('span', { class: 'small' }, c.fateDetail) : null)))));
}

/** The report sections citing this conversation or its key points, as GET …/citing-sections gives them. */
function citedSection(sections, context) {
  const routes = s => [
    s.citesConversation ? 'cites the conversation as a whole' : null,
    s.keyPointIds.length ? `cites ${plural(s.keyPointIds.length, 'key point')} directly` : null,
    ...s.viaThemes.map(t => `through the theme “${t.name || t.themeId}” (${plural(t.keyPointIds.length, 'key point')})`),
  ].filter(Boolean);
  const published = s => (s.publishedVersions.length
    ? `published in version ${s.publishedVersions[s.publishedVersions.length - 1]}` : 'draft, not yet published');
  // The report is named once when every section is in the same one, on each section otherwise.
  const reports = new Set(sections.map(s => s.reportId));
  const reportOf = s => s.reportTitle || s.reportId;
  return h('section', { 'aria-labelledby': 'cited-heading', id: 'cited-in-report' },
    h('h2', { id: 'cited-heading' }, 'Cited in the report'),
    reports.size === 1 ? h('p', { class: 'small muted' }, `In “${reportOf(sections[0])}”:`) : null,
    sections.length
      ? h('ul', {}, sections.map(s => h('li', { dataset: { sectionId: s.sectionId } },
          h('a', { href: context.link(`voice-flow.html?report=${encodeURIComponent(s.reportId)}#section-${encodeURIComponent(s.sectionId)}`) },
            `Section ${s.position}: ${s.heading}`),
          ` — ${reports.size > 1 ? `${reportOf(s)}, ` : ''}${published(s)} (${routes(s).join('; ')})`)))
      : notice('info', 'No report section cites this conversation or its key points yet.'));
}

function lineageSection(proposal, byId) {
  if (!proposal) return null;
  const lines = lineageLines(proposal, byId);
  return h('section', { 'aria-labelledby': 'lineage-heading' },
    h('h2', { id: 'lineage-heading' }, 'How it got onto the agenda'),
    lines.length ? h('ul', { class: 'lineage' }, lines.map(l => h('li', { dataset: { lineage: l.kind } }, `${l.text}: `,
      l.items.map((item, i) => [i ? '; ' : '', `“${item.question}”`, item.by ? ` (${item.by.label})` : '']),
      l.note ? ` — ${l.note}` : null))) : null,
    table([
      { label: 'When', value: s => time(s.at) },
      { label: 'Step', value: s => LINEAGE_WORDS[s.kind] || s.kind.toLowerCase() },
    ], proposal.lineage || [], { caption: 'Lineage of the proposal' }));
}

// ---- writes (note-takers, facilitators, admins) ----

/** Waits until the coverage view shows `predicate` (the read model follows the event store within moments). */
async function untilShown(conversationId, predicate) {
  for (let i = 0; i < 40; i++) {
    const coverage = await query('/api/coverage', { conversationId });
    if (predicate(coverage.keyPoints)) return;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

function recordSection(conversationId, redraw) {
  return h('section', { class: 'card', 'aria-labelledby': 'record-heading' },
    h('h3', { id: 'record-heading', style: 'margin-top:0' }, 'Record a key point'),
    keyPointForm({
      conversationId,
      onRecorded: async ({ keyPointId }) => {
        await untilShown(conversationId, points => points.some(k => k.keyPointId === keyPointId));
        location.hash = `kp-${keyPointId}`;
        await redraw();
      },
    }));
}

function editControl(k, conversationId, redraw) {
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', hidden: true, dataset: { write: 'true' } },
    message,
    h('div', { class: 'field' }, h('label', { for: `edit-${k.keyPointId}` }, 'Edited words'),
      h('textarea', { id: `edit-${k.keyPointId}`, name: 'text', required: true }, k.text?.plain || '')),
    h('div', { class: 'field' }, h('label', { for: `reason-${k.keyPointId}` }, 'Reason for the edit'),
      h('input', { id: `reason-${k.keyPointId}`, name: 'reason', required: true, placeholder: 'e.g. edited lightly for clarity' })),
    h('div', {}, h('button', { type: 'submit' }, 'Save the edit'), ' ',
      h('span', { class: 'small muted' }, 'The original stays on record beside it.')));
  const toggle = h('button', { type: 'button', class: 'link small', dataset: { write: 'true' }, onclick: () => { form.hidden = !form.hidden; } }, 'Edit the words');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelector('button').disabled = true;
    try {
      await command('POST', `/api/conversations/${encodeURIComponent(conversationId)}/key-points/${encodeURIComponent(k.keyPointId)}/edits`,
        { text: form.text.value.trim(), reason: form.reason.value.trim() });
      const text = form.text.value.trim();
      await untilShown(conversationId, points => points.some(p => p.keyPointId === k.keyPointId && p.text?.plain === text));
      location.hash = `kp-${k.keyPointId}`;
      await redraw();
    } catch (e) {
      clear(message, errorNotice(e, 'Not saved'));
      form.querySelector('button').disabled = false;
    }
  });
  return h('div', { class: 'small', style: 'margin-top:0.4rem' }, toggle, form);
}

/**
 * Move a mis-filed key point to the conversation it was said in (of this session; the command side also accepts any
 * conversation of the consultation that took place). It keeps its id, words, edits and trail.
 */
function moveControl(k, conversationId, agenda, redraw) {
  const targets = agenda.proposals.filter(p => p.slot && p.proposalId !== conversationId
    && ['IN_PROGRESS', 'HELD'].includes(p.conversationStatus));
  if (!targets.length) return h('span');
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack', hidden: true, dataset: { write: 'true' } },
    message,
    h('div', { class: 'field' }, h('label', { for: `move-to-${k.keyPointId}` }, 'Conversation it was said in'),
      h('select', { id: `move-to-${k.keyPointId}`, name: 'to', required: true },
        targets.map(p => h('option', { value: p.proposalId },
          `Round ${p.slot.round}, ${roomName(p.slot.room)}: ${p.question}`)))),
    h('div', { class: 'field' }, h('label', { for: `move-reason-${k.keyPointId}` }, 'Reason for the move'),
      h('input', { id: `move-reason-${k.keyPointId}`, name: 'reason', required: true, placeholder: 'e.g. noted under the wrong room' })),
    h('div', {}, h('button', { type: 'submit' }, 'Move the key point'), ' ',
      h('span', { class: 'small muted' }, 'Its words, edits and trail go with it; both conversations show the move.')));
  const toggle = h('button', { type: 'button', class: 'link small', dataset: { write: 'true' }, onclick: () => { form.hidden = !form.hidden; } },
    'Move to another conversation');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelector('button').disabled = true;
    try {
      await command('POST', `/api/conversations/${encodeURIComponent(conversationId)}/key-points/${encodeURIComponent(k.keyPointId)}/moves`,
        { toConversationId: form.to.value, reason: form.reason.value.trim() });
      await untilShown(conversationId, points => !points.some(p => p.keyPointId === k.keyPointId));
      await redraw();
    } catch (e) {
      clear(message, errorNotice(e, 'Not moved'));
      form.querySelector('button').disabled = false;
    }
  });
  return h('div', { class: 'small', style: 'margin-top:0.2rem' }, toggle, form);
}
