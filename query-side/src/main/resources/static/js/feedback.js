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
  const who = feedback.anonymous ? 'anonymous'
    : feedback.contributor?.erased ? h('span', { class: 'muted' }, feedback.contributor.label)
      : feedback.contributor?.label || 'a participant';
  return h('li', { class: 'keypoint', id: `feedback-${feedback.feedbackId}`, dataset: { feedbackId: feedback.feedbackId } },
    h('blockquote', { class: feedback.verbatim && feedback.text?.plain ? 'quote' : null }, words(feedback.text)),
    h('div', { class: 'meta' },
      h('span', {}, 'From ', who),
      h('span', {}, feedback.verbatim ? 'their own words' : 'as noted (not verbatim)'),
      h('span', {}, 'given ', time(feedback.at)),
      h('span', { class: 'muted' }, `#${feedback.number} · ${feedback.feedbackId}`)),
    citations(feedback));
}

/** Where the feedback is cited: the drafts citing it now, and every published version that cited it. */
function citations(feedback) {
  const section = c => `${c.reportTitle || c.reportId}, section ${c.position} “${c.heading}”`;
  const lines = [
    ...feedback.citedIn.map(c => h('li', {}, 'Cited in the draft of ', section(c))),
    ...feedback.publishedIn.map(c => h('li', {}, `Published in version ${c.version} of `, section(c), ' (', time(c.at), ')')),
  ];
  return lines.length ? h('ul', { class: 'lineage', 'aria-label': 'Where it is cited' }, lines)
    : h('p', { class: 'small muted' }, 'Not cited in any report.');
}
