// "My data": what the consultation holds about the signed-in participant, in plain words. Personal data in clear
// comes from the command side (only it can decrypt it); what they said and what happened to it, their consents and
// any erasure come from the query side's voice trail. The two services never call each other, so the download puts
// both answers into one file here. Everything shown is computed by the services; this page only draws it.

import { ApiError, command, query } from '../api.js';
import { $, clear, errorNotice, h, kindChip, notice, fateChip, plural, time, words } from '../dom.js';
import { run } from '../shell.js';
import { citations } from '../feedback.js';

const PURPOSES = [
  {
    purpose: 'TAKE_PART',
    title: 'Take part',
    explain: 'What you say in conversations can be written down, under your pseudonym, never your name.',
  },
  {
    purpose: 'BE_QUOTED',
    title: 'Be quoted',
    explain: 'Your exact words can be quoted in the final report. Your name is never printed next to them.',
  },
  {
    purpose: 'BE_CONTACTED',
    title: 'Be contacted',
    explain: 'The review team can get in touch with you again about the consultation.',
  },
];

const CHOICES = [
  {
    policy: 'KEEP_WORDS_DROP_IDENTITY',
    title: 'Keep my words, but not who I am',
    explain: 'Your name, contact details and description are destroyed. What you said stays in the record and can '
      + 'still be used in the report, but nothing links it to you any more.',
  },
  {
    policy: 'WITHDRAW_WORDS',
    title: 'Withdraw my words too',
    explain: 'Everything above is destroyed, and so are your words: they can never be read again. The record only '
      + 'keeps that something was said, and how many people took part.',
  },
];

const REQUESTED_BY = {
  THE_PARTICIPANT: 'you asked for it yourself',
  ON_THEIR_BEHALF: 'the team did it after you asked them',
  NOT_RECORDED: 'who asked was not recorded (this was before the question was asked)',
};

run('my-data', async ({ user, can }) => {
  const main = $('main');
  if (!can.ownData) return;
  await draw(main, user.participantId);
});

/** Draws the page; `saved` is a confirmation to show in the consent section after a change was recorded. */
async function draw(main, participantId, saved = null) {
  const [trail, personal] = await Promise.all([
    query(`/api/participants/${encodeURIComponent(participantId)}/voice-trail`),
    personalData(participantId),
  ]);
  clear(main,
    h('h1', {}, 'My data'),
    h('p', { class: 'lede' }, 'This page shows everything this consultation holds about you, what you said, and '
      + 'what happened to it. You can download all of it, change what you agree to, or ask for it to be erased.'),
    trail.erased ? erasedNotice(trail.erasure) : null,
    heldSection(trail, personal),
    saidSection(trail),
    trail.erased ? null : consentSection(main, participantId, trail, saved),
    downloadSection(participantId),
    trail.erased ? null : erasureSection(main, participantId));
}

/** The command side's answer: the data, `{gone: true}` after erasure, or `{error}` (shown, never hidden). */
async function personalData(participantId) {
  try {
    return { data: await command('GET', `/api/participants/${encodeURIComponent(participantId)}/personal-data`) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 410) return { gone: true };
    return { error: e };
  }
}

function erasedNotice(erasure) {
  return notice('info',
    h('h2', {}, 'Your data has been erased'),
    h('p', {}, 'Erased ', time(erasure?.at), '. ',
      erasure?.contributionPolicy === 'WITHDRAW_WORDS'
        ? 'Your words were withdrawn as well. Where a group’s summary of a conversation repeated them, the '
          + 'facilitators are told that it needs a new summary.'
        : 'Your words were kept, with nothing that links them to you.'),
    h('p', {}, 'Who asked: ', REQUESTED_BY[erasure?.requestedBy] || 'not recorded', '.',
      erasure?.reason ? [' Reason given: “', erasure.reason, '”.'] : null,
      erasure?.requestReference ? [' Where the request is kept: ', erasure.requestReference, '.'] : null));
}

function heldSection(trail, personal) {
  const facts = [
    ['The name others see (your pseudonym)', trail.erased ? 'removed' : trail.label],
    ['Your groups', trail.stakeholderGroups.map(g => g.name).join(', ') || 'none'],
  ];
  let details;
  if (personal.data) {
    facts.push(['Your name', personal.data.name],
      ['How to contact you', personal.data.contact || 'nothing given'],
      ['What you told us about yourself', personal.data.selfDescription || 'nothing given']);
    details = h('p', { class: 'small muted' }, 'Your name, contact details and description are stored locked '
      + '(encrypted). Only you and the administrators can unlock them, and erasing destroys the key.');
  } else if (personal.gone) {
    details = h('p', {}, 'Your name, contact details and description were destroyed when your data was erased.');
  } else {
    details = errorNotice(personal.error, 'Your name and contact details could not be loaded');
  }
  return h('section', { class: 'card', 'aria-labelledby': 'held-heading' },
    h('h2', { id: 'held-heading' }, 'What we hold about you'),
    h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
    details);
}

function saidSection(trail) {
  const nothing = text => h('p', { class: 'muted' }, text);
  return h('section', { 'aria-labelledby': 'said-heading' },
    h('h2', { id: 'said-heading' }, 'What you said, and what happened to it'),
    h('h3', {}, 'Conversations you suggested'),
    trail.proposals.length ? h('ul', { class: 'own-list' }, trail.proposals.map(p => h('li', {},
      h('strong', {}, p.question || 'a question'), h('br'), h('span', {}, whatHappenedWords(p)))))
      : nothing('You did not suggest a conversation.'),
    h('h3', {}, 'Things you said that were written down'),
    trail.keyPoints.length ? h('ul', { class: 'keypoints' }, trail.keyPoints.map(keyPoint))
      : nothing('Nothing said in a conversation was written down under your pseudonym.'),
    h('h3', {}, 'Ideas you wrote'),
    trail.ideas.length ? h('ul', { class: 'keypoints' }, trail.ideas.map(idea => h('li', { class: 'keypoint' },
      h('blockquote', {}, words(idea.text)),
      h('div', { class: 'meta' }, fateChip(idea.fate, idea.fateDetail), h('span', {}, idea.fateDetail),
        h('span', {}, 'written ', time(idea.at))))))
      : nothing('You did not send in a written idea.'),
    h('h3', {}, 'What you added after a conversation (the plenary)'),
    trail.plenaryContributions.length ? h('ul', { class: 'keypoints' }, trail.plenaryContributions.map(c =>
      h('li', { class: 'keypoint' },
        h('blockquote', {}, words(c.text)),
        h('div', { class: 'meta' }, fateChip(c.fate, c.fateDetail), c.question ? h('span', {}, 'About: ', c.question) : null,
          h('span', {}, c.fateDetail)))))
      : nothing('You did not add anything in a plenary.'),
    h('h3', {}, 'Your feedback on sessions'),
    trail.feedback.length ? h('ul', { class: 'keypoints', id: 'own-feedback' }, trail.feedback.map(f =>
      h('li', { class: 'keypoint' },
        h('blockquote', { class: f.verbatim && f.text?.plain ? 'quote' : null }, words(f.text)),
        h('div', { class: 'meta' }, h('span', {}, 'About the session as a whole'),
          h('span', {}, f.verbatim ? 'your own words' : 'as somebody noted it (not word for word)'),
          h('span', {}, 'given ', time(f.at))),
        citations(f))))
      : nothing('You did not give feedback on a session as a whole.'),
    trail.plenarySummaries.length ? [h('h3', {}, 'Summaries you presented'),
      h('ul', { class: 'own-list' }, trail.plenarySummaries.map(s => h('li', {}, s.summary)))] : null,
    h('h3', {}, 'Conversations you were in'),
    trail.attendance.length ? h('ul', { class: 'own-list' }, trail.attendance.map(stay => h('li', {},
      stay.question || stay.conversationId, h('span', { class: 'muted' },
        ` · round ${stay.round}, ${roomWords(stay.room)}`,
        stay.minutes != null ? ` · ${plural(stay.minutes, 'minute')}` : ''))))
      : nothing('No conversation you joined was recorded.'));
}

/** Rooms are named freely: "3", or "Room 03" as in the imported dataset. */
function roomWords(room) {
  if (!room) return 'room not recorded';
  return /^room/i.test(room) ? room : `room ${room}`;
}

function whatHappenedWords(proposal) {
  return `What happened: ${proposal.whatHappened}.`;
}

function keyPoint(point) {
  const fate = point.fate;
  return h('li', { class: 'keypoint' },
    h('blockquote', { class: fate.verbatim ? 'quote' : null }, words(fate.text)),
    h('div', { class: 'meta' }, kindChip(fate.kind), fateChip(fate.fate, fate.fateDetail),
      h('span', {}, fate.fateDetail),
      fate.round != null ? h('span', {}, `round ${fate.round}, ${roomWords(fate.room)}`) : null),
    point.edits.length ? h('details', { class: 'edit-history' },
      h('summary', {}, `How your words were changed (${plural(point.edits.length, 'change')})`),
      h('ol', {},
        h('li', {}, 'First written down: ', words(point.original)),
        point.edits.map(edit => h('li', {}, words(edit.text), h('span', { class: 'muted' },
          ` · changed by ${edit.editedBy}`, edit.reason ? ` because: ${edit.reason}` : '', ' · '), time(edit.at)))))
      : null);
}

function consentSection(main, participantId, trail, saved) {
  const status = h('div', { 'aria-live': 'polite' }, saved ? notice('ok', saved) : null);
  const given = new Set(trail.consents);
  const change = async (purpose, granted, button) => {
    button.disabled = true;
    clear(status);
    try {
      await command('POST', `/api/participants/${encodeURIComponent(participantId)}/consents`, { purpose, granted });
      clear(status, h('p', { class: 'muted' }, 'Saving…'));
      await waitUntil(participantId, t => t.consents.includes(purpose) === granted);
      await draw(main, participantId, granted ? 'Thank you, your choice is saved.' : 'Done, you no longer agree to this.');
      $('#consent-heading')?.focus();
    } catch (e) {
      button.disabled = false;
      clear(status, errorNotice(e, 'Your choice could not be saved'));
    }
  };
  return h('section', { class: 'card', 'aria-labelledby': 'consent-heading' },
    h('h2', { id: 'consent-heading', tabindex: '-1' }, 'What you agree to'),
    h('p', {}, 'You can change these at any time. Changing one does not change what has already been published.'),
    h('ul', { class: 'consents' }, PURPOSES.map(({ purpose, title, explain }) => {
      const yes = given.has(purpose);
      const button = h('button', { type: 'button', class: yes ? 'secondary' : null }, yes ? `Stop: ${title.toLowerCase()}` : `Agree: ${title.toLowerCase()}`);
      button.addEventListener('click', () => change(purpose, !yes, button));
      return h('li', { class: 'consent' },
        h('div', {}, h('strong', {}, title), ' — ', h('span', { class: yes ? 'consent-yes' : 'consent-no' },
          yes ? 'you agree' : 'you do not agree'), h('p', { class: 'small' }, explain)),
        button);
    })),
    status,
    trail.consentHistory.length ? h('details', { class: 'edit-history' },
      h('summary', {}, 'Every change to what you agreed'),
      h('ol', {}, trail.consentHistory.map(c => h('li', {}, time(c.at), ': ',
        c.given ? 'you agreed to ' : 'you stopped agreeing to ',
        (PURPOSES.find(p => p.purpose === c.purpose)?.title || c.purpose).toLowerCase()))))
      : null);
}

/** Changes reach this page a moment after the command side records them; wait (briefly) until they show. */
async function waitUntil(participantId, shown) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const trail = await query(`/api/participants/${encodeURIComponent(participantId)}/voice-trail`);
    if (shown(trail)) return;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

function downloadSection(participantId) {
  const status = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button' }, 'Download everything as a file');
  button.addEventListener('click', async () => {
    button.disabled = true;
    clear(status, h('p', { class: 'muted' }, 'Preparing your file…'));
    try {
      const id = encodeURIComponent(participantId);
      const [voiceTrail, personal] = await Promise.all([query(`/api/participants/${id}/export`), personalData(participantId)]);
      if (personal.error) throw personal.error;
      const file = {
        participantId,
        exportedAt: new Date().toISOString(),
        personalData: personal.data || null,
        personalDataNote: personal.gone ? 'destroyed at erasure' : 'from the command side, decrypted for you',
        voiceTrail,
      };
      save(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), `my-data-${participantId}.json`);
      clear(status, notice('ok', 'Your file is downloaded.'));
    } catch (e) {
      clear(status, errorNotice(e, 'Your file could not be made'));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'download-heading' },
    h('h2', { id: 'download-heading' }, 'Keep a copy'),
    h('p', {}, 'One file (JSON) with everything on this page: what we hold about you, everything you said and what '
      + 'happened to it, and what you agreed to.'),
    button, status);
}

function save(blob, filename) {
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function erasureSection(main, participantId) {
  const status = h('div', { 'aria-live': 'polite' });
  const reason = h('textarea', { id: 'erase-reason', name: 'reason', required: true, maxlength: 2000,
    'aria-describedby': 'erase-reason-hint' });
  const form = h('form', { id: 'erase-form', novalidate: true },
    h('fieldset', {},
      h('legend', {}, 'What should happen to your words?'),
      h('div', { class: 'stack' }, CHOICES.map(({ policy, title, explain }, index) => h('div', { class: 'erase-choice' },
        h('label', {}, h('input', { type: 'radio', name: 'policy', value: policy, required: true, checked: index === 0 }),
          h('strong', {}, title)),
        h('p', { class: 'small' }, explain))))),
    h('div', { class: 'field' },
      h('label', { for: 'erase-reason' }, 'Why do you want this? (needed)'),
      h('span', { class: 'hint', id: 'erase-reason-hint' }, 'A few words are enough. Please do not write your name '
        + 'or anything else about you here: the reason is kept for good, so that anyone checking can see who asked '
        + 'for an erasure and why.'),
      reason),
    h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Continue')),
    status);
  const confirmStep = h('div', { id: 'erase-confirm', hidden: true });
  form.addEventListener('submit', event => {
    event.preventDefault();
    clear(status);
    if (!reason.value.trim()) {
      clear(status, notice('error', 'Please say why, in a few words.'));
      reason.focus();
      return;
    }
    const policy = form.elements.policy.value;
    const choice = CHOICES.find(c => c.policy === policy);
    const yes = h('button', { type: 'button', class: 'danger' }, 'Yes, erase everything');
    const no = h('button', { type: 'button', class: 'secondary' }, 'No, go back');
    const heading = h('h3', { id: 'erase-confirm-heading', tabindex: '-1' }, 'Are you sure?');
    const outcome = h('div', { 'aria-live': 'polite' });
    clear(confirmStep, notice('warn', heading,
      h('p', {}, 'This cannot be undone. ', choice.explain),
      h('p', {}, 'Your reason: “', reason.value.trim(), '”'),
      h('div', { class: 'row' }, yes, no)), outcome);
    no.addEventListener('click', () => {
      confirmStep.hidden = true;
      form.hidden = false;
      reason.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      no.disabled = true;
      try {
        await command('POST', `/api/participants/${encodeURIComponent(participantId)}/erasure`,
          { contributionPolicy: policy, reason: reason.value.trim() });
        clear(outcome, notice('ok', 'Your data is erased.'));
        await waitUntil(participantId, t => t.erased);
        await draw(main, participantId);
        $('main h2')?.setAttribute('tabindex', '-1');
        $('main h2')?.focus();
      } catch (e) {
        yes.disabled = false;
        no.disabled = false;
        clear(outcome, errorNotice(e, 'Your data could not be erased'));
      }
    });
    form.hidden = true;
    confirmStep.hidden = false;
    heading.focus();
  });
  return h('section', { class: 'card', 'aria-labelledby': 'erase-heading' },
    h('h2', { id: 'erase-heading' }, 'Ask for everything to be erased'),
    h('p', {}, 'You can ask for what we hold about you to be erased. It happens straight away and cannot be undone. '
      + 'The numbers (how many people took part) stay, so the consultation still adds up.'),
    form, confirmStep);
}
