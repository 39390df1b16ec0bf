// Participants' feedback on a session as a whole (words given outside any conversation), with where each is cited:
// the report sections whose draft cites it now and the published versions that did. A section of its own, so any
// session page can show it.

import { query } from './api.js';
import { clear, errorNotice, h, plural, time, words } from './dom.js';

const PAGE_SIZE = 50;

/** The section "Feedback from participants" for a session; it fills itself in and shows a failure where it is. */
export function sessionFeedback(agendaId) {
  const list = h('ol', { class: 'keypoints', id: 'session-feedback-list' });
  const status = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading the feedback…');
  const more = h('div', {});
  const section = h('section', { 'aria-labelledby': 'feedback-heading', id: 'session-feedback' },
    h('h2', { id: 'feedback-heading' }, 'Feedback from participants'),
    h('p', { class: 'lede' }, 'What participants said about the session as a whole, outside any conversation, and where a report cites it.'),
    status, list, more);
  load(agendaId, null, list, status, more);
  return section;
}

async function load(agendaId, after, list, status, more) {
  try {
    const page = await query('/api/session-feedback', { sessionId: agendaId, size: PAGE_SIZE, ...(after != null ? { after } : {}) });
    for (const feedback of page.feedback) list.append(card(feedback));
    clear(status, page.totalFeedback
      ? `${plural(page.totalFeedback, 'piece of feedback', 'pieces of feedback')} on this session.`
      : 'No feedback on this session as a whole has been recorded.');
    clear(more, page.next != null ? h('button', {
      type: 'button', class: 'secondary',
      onclick: event => { event.target.disabled = true; load(agendaId, page.next, list, status, more); },
    }, 'More feedback') : null);
  } catch (e) {
    clear(status, errorNotice(e, 'The feedback could not be loaded'));
  }
}

function card(feedback) {
  const who = feedback.anonymous ? 'Anonymous'
    : ['From ', feedback.contributor?.erased ? h('span', { class: 'muted' }, feedback.contributor.label)
      : feedback.contributor?.label || 'a participant'];
  return h('li', { class: 'keypoint', id: `feedback-${feedback.feedbackId}`, dataset: { feedbackId: feedback.feedbackId } },
    h('blockquote', { class: feedback.verbatim && feedback.text?.plain ? 'quote' : null }, words(feedback.text)),
    h('div', { class: 'meta' },
      h('span', {}, who),
      h('span', {}, feedback.verbatim ? 'their own words' : 'as noted (not verbatim)'),
      h('span', {}, 'given ', time(feedback.at)),
      h('span', { class: 'muted' }, `#${feedback.number} · ${feedback.feedbackId}`)),
    citations(feedback));
}

/**
 * Where the feedback is cited, one line per report section: whether its draft cites it now, and every published
 * version that cited it. Also used by "My data", where a participant sees where their own feedback is cited.
 */
export function citations(feedback) {
  const sections = new Map();
  const entry = c => {
    const key = `${c.reportId}/${c.sectionId}`;
    if (!sections.has(key)) sections.set(key, { section: c, draft: false, versions: [] });
    return sections.get(key);
  };
  feedback.citedIn.forEach(c => { entry(c).draft = true; });
  feedback.publishedIn.forEach(c => entry(c).versions.push(c));
  if (!sections.size) return h('p', { class: 'small muted' }, 'Not cited in any report.');
  return h('ul', { class: 'lineage', 'aria-label': 'Where it is cited' }, [...sections.values()].map(({ section, draft, versions }) => {
    const where = [draft ? 'the draft' : null,
      ...versions.map(v => `published version ${v.version} (${new Date(v.at).toLocaleDateString()})`)].filter(Boolean);
    return h('li', {}, 'Cited by ', h('strong', {}, `section ${section.position} “${section.heading}”`),
      ` of ${section.reportTitle || section.reportId}: `, where.join(', '),
      draft ? null : ' — no longer in the draft');
  }));
}
