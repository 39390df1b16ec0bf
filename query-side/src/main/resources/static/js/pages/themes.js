// Themes and tagging: the review team identifies the themes of a report and tags the session's key points with them,
// reading each point's words as coverage shows them; each theme lists its tagged points and how many came from each
// stakeholder group. Facilitators and admins write (through the command API); everyone else reads.

import { command, query } from '../api.js';
import { $, clear, h, kindChip, notice, params, plural, words } from '../dom.js';
import { loadReports, reportPicker, startReportForm, write } from '../report-desk.js';
import { run } from '../shell.js';

run('themes', async context => {
  const main = $('main');
  if (!context.agendaId) {
    clear(main, h('h1', {}, 'Themes and tagging'), notice('info', 'No Open Space session has been recorded yet.'));
    return;
  }
  const state = { ...context, main, message: h('div', { id: 'themes-status', 'aria-live': 'polite' }) };
  await redraw(state);
});

async function load(state) {
  const { agenda, reports, report } = await loadReports(state.agendaId, params().get('report'));
  Object.assign(state, { agenda, reports, report });
  if (!report) return;
  const [draft, coverage] = await Promise.all([
    query(`/api/reports/${encodeURIComponent(report.reportId)}/draft`),
    query('/api/coverage', { agendaId: state.agendaId }),
  ]);
  Object.assign(state, { draft, coverage });
}

async function redraw(state) {
  await load(state);
  const { main, agenda, reports, report, can } = state;
  const heading = h('h1', {}, 'Themes and tagging');
  if (!report) {
    clear(main, heading,
      notice('info', 'No report has been started for this consultation yet: themes belong to a report.'),
      can.writeReport && agenda.consultationId ? startReportForm(agenda.consultationId)
        : notice('info', 'A facilitator or an admin starts the report.'));
    return;
  }
  const { draft } = state;
  const groupNames = { ...draft.stakeholderGroupNames, anonymous: 'Anonymous (speaker not recorded)' };
  state.groupNames = groupNames;
  state.keyPoints = new Map([...state.coverage.keyPoints, ...draft.keyPoints].map(k => [k.keyPointId, k]));
  clear(main, heading,
    reportPicker(reports, report),
    h('p', { class: 'lede' }, 'A theme is a finding the report can cite as a whole. Tag the key points that support it; ',
      'the counts show which stakeholder groups each theme rests on. ',
      can.writeReport ? 'Every theme and tag is recorded under your name; nothing is overwritten.' : 'You can read the themes here; facilitators and admins write them.'),
    state.message,
    can.writeReport ? h('div', { class: 'desk' }, themeForm(state), tagForm(state)) : null,
    h('h2', { id: 'themes-heading' }, `The themes (${draft.themes.length})`),
    draft.themes.length ? h('ul', { class: 'theme-list', id: 'theme-list' }, draft.themes.map(theme => themeCard(state, theme)))
      : notice('info', 'No theme identified yet.'));
}

/** Until the draft read model shows what was written. */
function draftShows(state, predicate) {
  return async () => predicate(await query(`/api/reports/${encodeURIComponent(state.report.reportId)}/draft`));
}

function themeForm(state) {
  const message = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'theme-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  const description = h('textarea', { id: 'theme-description', name: 'description' });
  const form = h('form', { class: 'card stack', id: 'identify-theme', dataset: { write: 'true' } },
    h('h2', {}, 'Identify a theme'),
    message,
    h('div', { class: 'field' }, h('label', { for: 'theme-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: 'theme-description' }, 'Description'), description,
      h('span', { class: 'hint' }, 'What the theme is about, in a sentence or two (optional).')),
    h('div', {}, h('button', { type: 'submit' }, 'Identify the theme')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const reportId = state.report.reportId;
    const done = await write(message, form, { name, description }, 'Identifying the theme',
      () => command('POST', `/api/reports/${encodeURIComponent(reportId)}/themes`,
        { name: name.value.trim(), description: description.value.trim() || undefined }),
      async ({ themeId }) => draftShows(state, d => d.themes.some(t => t.themeId === themeId))());
    if (done) {
      await redraw(state);
      clear(state.message, notice('ok', `Theme “${name.value.trim()}” identified.`));
    }
  });
  return form;
}

/** The session's conversations that have key points, in grid order. */
function conversationsWithPoints(state) {
  const counts = new Map();
  for (const k of state.coverage.keyPoints) counts.set(k.conversationId, (counts.get(k.conversationId) || 0) + 1);
  const order = new Map(state.agenda.proposals.filter(p => p.slot).map(p => [p.proposalId, p]));
  return [...counts.keys()]
    .map(id => ({ id, proposal: order.get(id), count: counts.get(id) }))
    .sort((a, b) => (a.proposal?.slot.round ?? 99) - (b.proposal?.slot.round ?? 99)
      || String(a.proposal?.slot.room ?? '').localeCompare(String(b.proposal?.slot.room ?? ''), undefined, { numeric: true }));
}

function tagForm(state) {
  const { draft } = state;
  const message = h('div', { 'aria-live': 'polite' });
  if (!draft.themes.length) {
    return h('section', { class: 'card', id: 'tag-key-point' }, h('h2', {}, 'Tag key points'),
      notice('info', 'Identify a theme first.'));
  }
  const conversations = conversationsWithPoints(state);
  const theme = h('select', { id: 'tag-theme', name: 'themeId' }, draft.themes.map(t => h('option', { value: t.themeId }, t.name)));
  const conversation = h('select', { id: 'tag-conversation', name: 'conversation' },
    conversations.map(c => h('option', { value: c.id },
      `${c.proposal ? `Round ${c.proposal.slot.round}, ${c.proposal.slot.room}: ` : ''}${c.proposal?.question || c.id} (${plural(c.count, 'key point')})`)));
  const points = h('fieldset', { id: 'tag-points' });
  const drawPoints = () => {
    const themeId = theme.value;
    const list = state.coverage.keyPoints.filter(k => k.conversationId === conversation.value);
    clear(points, h('legend', {}, 'Key point'),
      list.length ? h('ul', { class: 'tag-list' }, list.map((k, i) => {
        const tagged = draft.themes.filter(t => t.keyPointIds.includes(k.keyPointId));
        const already = tagged.some(t => t.themeId === themeId);
        return h('li', {},
          h('label', { class: 'actions' },
            h('input', { type: 'radio', name: 'keyPointId', value: k.keyPointId, checked: i === 0 && !already, disabled: already }),
            kindChip(k.kind), h('span', { class: 'tag-words' }, words(k.text, { quote: k.verbatim }))),
          h('span', { class: 'muted small' }, `${k.voice || 'anonymous'}`,
            tagged.length ? ` · tagged: ${tagged.map(t => t.name).join(', ')}` : '',
            k.fate === 'RETRACTED' ? ' · retracted' : ''));
      })) : h('p', { class: 'muted' }, 'No key points recorded in this conversation.'));
  };
  theme.addEventListener('change', drawPoints);
  conversation.addEventListener('change', drawPoints);
  drawPoints();
  const form = h('form', { class: 'card stack', id: 'tag-key-point', dataset: { write: 'true' } },
    h('h2', {}, 'Tag a key point'),
    message,
    h('div', { class: 'field' }, h('label', { for: 'tag-theme' }, 'Theme'), theme),
    conversations.length ? h('div', { class: 'field' }, h('label', { for: 'tag-conversation' }, 'Conversation'), conversation)
      : notice('info', 'No key points have been recorded in this session yet.'),
    conversations.length ? points : null,
    h('div', {}, h('button', { type: 'submit', disabled: !conversations.length }, 'Tag the key point')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const chosen = form.querySelector('input[name=keyPointId]:checked');
    const themeId = theme.value;
    const keyPointId = chosen?.value || '';
    const done = await write(message, form, { themeId: theme, keyPointId: points }, 'Tagging the key point',
      () => command('POST', `/api/reports/${encodeURIComponent(state.report.reportId)}/tags`, { themeId, keyPointId }),
      draftShows(state, d => d.themes.some(t => t.themeId === themeId && t.keyPointIds.includes(keyPointId))));
    if (done) {
      const conversationId = conversation.value;
      await redraw(state);
      const again = $('#tag-conversation');
      if (again) {
        again.value = conversationId;
        again.dispatchEvent(new Event('change'));
      }
      $('#tag-theme') && ($('#tag-theme').value = themeId);
      $('#tag-theme')?.dispatchEvent(new Event('change'));
      clear(state.message, notice('ok', `Tagged with “${state.draft.themes.find(t => t.themeId === themeId)?.name}”.`));
    }
  });
  return form;
}

function themeCard(state, theme) {
  const { draft, groupNames, link } = state;
  const sections = draft.sections.filter(s => theme.citingSectionIds.includes(s.sectionId));
  const groups = Object.entries(theme.keyPointsByStakeholderGroup);
  return h('li', { class: 'card', id: `theme-${theme.themeId}` },
    h('h3', { class: 'flush-top' }, theme.name),
    theme.description ? h('p', {}, theme.description) : null,
    h('p', { class: 'muted' }, plural(theme.keyPointIds.length, 'key point'), ' tagged',
      sections.length ? ` · cited by ${sections.map(s => `section ${s.position} (${s.heading})`).join(', ')}` : ' · not cited by any section yet'),
    groups.length ? h('div', { class: 'group-counts' }, h('span', { class: 'muted' }, 'From:'),
      groups.map(([group, count]) => h('span', { class: 'chip' }, `${groupNames[group] || group}: ${count}`))) : null,
    theme.keyPointIds.length ? h('ul', { class: 'keypoints' }, theme.keyPointIds.map(id => {
      const k = state.keyPoints.get(id);
      if (!k) return h('li', { class: 'keypoint muted' }, `Key point ${id} (not readable here)`);
      return h('li', { class: 'keypoint' },
        h('blockquote', { class: k.verbatim ? 'quote' : null }, words(k.text)),
        h('div', { class: 'meta' }, kindChip(k.kind), h('span', {}, k.voice || 'anonymous'),
          h('a', { href: link(`conversation.html?id=${encodeURIComponent(k.conversationId)}#kp-${encodeURIComponent(k.keyPointId)}`) },
            k.room ? `Round ${k.round}, ${k.room}` : 'its conversation')));
    })) : null);
}
