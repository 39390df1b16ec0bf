// Writing and publishing: the draft's sections in order, each with its citations (the words behind them) and the
// warnings about quotes whose speaker has not consented to be quoted; writing or rewriting a section; publishing the
// next version with a change note, and, when publication is refused for quotes without consent, a reason per quote or
// the way back to the section. Facilitators and admins write; everyone else reads. "As of" shows the draft as it stood.

import { command, query } from '../api.js';
import { $, clear, formatDateTime, h, notice, params, plural, shorten, words } from '../dom.js';
import { asOfBanner, asOfControl, asOfFromAddress, asOfParams } from '../as-of.js';
import { keyPointLabel, loadReports, reportPicker, startReportForm, write } from '../report-desk.js';
import { run } from '../shell.js';

const GAP_WORDS = {
  NOT_GIVEN: 'consent had not been given', WITHDRAWN: 'consent had been withdrawn', SPEAKER_ERASED: 'the speaker had been erased',
};

const KIND_NAMES = {
  KEY_POINT: 'key point', QUOTE: 'quote', CONVERSATION: 'conversation', THEME: 'theme', IDEA: 'written idea',
};

run('writing', async context => {
  const main = $('main');
  if (!context.agendaId) {
    clear(main, h('h1', {}, 'Writing and publishing'), notice('info', 'No Open Space session has been recorded yet.'));
    return;
  }
  const asOf = asOfFromAddress();
  const state = {
    ...context, main, asOf, warnings: new Map(),
    mayWrite: context.can.writeReport && !asOf,
    message: h('div', { id: 'writing-status', 'aria-live': 'polite' }),
  };
  try {
    await redraw(state);
  } catch (e) {
    if (asOf && e.status === 400) {
      clear(main, h('h1', {}, 'Writing and publishing'), asOfControl(asOf, e));
      return;
    }
    if (asOf && e.status === 404) {
      clear(main, h('h1', {}, 'Writing and publishing'), asOfControl(asOf), asOfBanner(asOf),
        notice('info', 'This report had not been started by then.'));
      return;
    }
    throw e;
  }
});

const draftPath = state => `/api/reports/${encodeURIComponent(state.report.reportId)}/draft`;

async function load(state) {
  const { agenda, reports, report } = await loadReports(state.agendaId, params().get('report'));
  Object.assign(state, { agenda, reports, report });
  if (!report) return;
  const [draft, coverage] = await Promise.all([
    query(draftPath(state), asOfParams(state.asOf)),
    query('/api/coverage', { agendaId: state.agendaId }),
  ]);
  // Each section's trail: the voices behind it and the quotes the latest version published under a consent
  // override. Not read as of a past moment: each such read replays the store, and the draft carries what matters then.
  const trails = state.asOf ? [] : await Promise.all(draft.sections.map(s =>
    query(`/api/audit-trail/sections/${encodeURIComponent(s.sectionId)}`)));
  Object.assign(state, { draft, coverage, trails: new Map(trails.map(t => [t.sectionId, t])) });
  state.keyPoints = new Map([...coverage.keyPoints, ...draft.keyPoints].map(k => [k.keyPointId, k]));
  state.conversations = new Map(agenda.proposals.filter(p => p.slot).map(p => [p.proposalId, p]));
  state.themes = new Map(draft.themes.map(t => [t.themeId, t]));
}

async function redraw(state) {
  await load(state);
  const { main, agenda, reports, report, can, asOf } = state;
  const heading = h('h1', {}, 'Writing and publishing');
  if (!report) {
    clear(main, heading, notice('info', 'No report has been started for this consultation yet.'),
      can.writeReport && agenda.consultationId ? startReportForm(agenda.consultationId)
        : notice('info', 'A facilitator or an admin starts the report.'));
    return;
  }
  const { draft } = state;
  clear(main, heading,
    reportPicker(reports, report),
    asOfControl(asOf),
    asOfBanner(asOf, 'Nothing can be written while viewing the past.'),
    h('p', { class: 'lede' }, 'The draft’s sections in the order they will be read. Each cites the voices behind it: ',
      'key points, quotes, whole conversations, themes or written ideas. Publishing makes the draft an immutable version; ',
      'the draft stays open for the next one.',
      can.writeReport ? '' : ' You can read the draft here; facilitators and admins write and publish it.'),
    versionsLine(state),
    state.message,
    h('h2', { id: 'sections-heading' }, `The draft (${plural(draft.sections.length, 'section')})`),
    draft.sections.length ? h('ol', { class: 'section-list', id: 'section-list' }, draft.sections.map(s => sectionCard(state, s)))
      : notice('info', 'No section written yet.'),
    state.mayWrite ? h('div', { id: 'new-section' },
      h('button', { type: 'button', id: 'write-new-section', onclick: () => openEditor(state, null) }, 'Write a new section')) : null,
    state.mayWrite ? publishCard(state) : null);
}

function reportLink(state, version) {
  return state.link(`report.html?report=${encodeURIComponent(state.report.reportId)}&version=${version}`);
}

function versionsLine(state) {
  const versions = state.draft.publishedVersions;
  if (!versions.length) return h('p', { id: 'published-versions' }, 'Not published yet.');
  return h('p', { id: 'published-versions' }, 'Published: ',
    versions.map((v, i) => [i ? ', ' : '', h('a', { href: reportLink(state, v) }, `version ${v}`)]));
}

/** What a citation points at, in words: the key point's words (as coverage shows them), a question, a theme's name. */
function citationWords(state, citation) {
  switch (citation.kind) {
    case 'KEY_POINT':
    case 'QUOTE': {
      const k = state.keyPoints.get(citation.targetId);
      if (!k) return h('span', { class: 'muted' }, `key point ${citation.targetId} (not in this session)`);
      return h('span', {}, h('span', { class: citation.kind === 'QUOTE' ? 'quoted' : null }, words(k.text)),
        h('span', { class: 'muted' }, ` — ${k.voice || 'anonymous'}${k.room ? `, round ${k.round}, ${k.room}` : ''} `),
        h('a', { href: state.link(`conversation.html?id=${encodeURIComponent(k.conversationId)}#kp-${encodeURIComponent(k.keyPointId)}`) }, 'in its conversation'));
    }
    case 'CONVERSATION': {
      const p = state.conversations.get(citation.targetId);
      return h('span', {}, p?.question || citation.targetId,
        h('span', { class: 'muted' }, p ? ` — round ${p.slot.round}, ${p.slot.room}, every key point of it ` : ' '),
        h('a', { href: state.link(`conversation.html?id=${encodeURIComponent(citation.targetId)}`) }, 'open'));
    }
    case 'THEME': {
      const t = state.themes.get(citation.targetId);
      return h('span', {}, t ? `${t.name} (${plural(t.keyPointIds.length, 'tagged key point')})` : citation.targetId);
    }
    default:
      return h('span', {}, `written idea ${citation.targetId}`);
  }
}

/** The section's text with its citation anchors ([^n]) shown as superscript numbers naming what they cite. */
function sectionText(state, section) {
  const parts = [];
  let last = 0;
  for (const match of section.text.matchAll(/\[\^(\d+)\]/g)) {
    parts.push(section.text.slice(last, match.index));
    const n = Number(match[1]);
    const citation = section.citations[n - 1];
    parts.push(h('sup', { title: citation ? `${KIND_NAMES[citation.kind]}: ${citation.targetId}` : 'no such citation' }, `[${n}]`));
    last = match.index + match[0].length;
  }
  parts.push(section.text.slice(last));
  return h('div', { class: 'section-text' }, parts);
}

/**
 * The quotes without consent (the API's quotedWithoutConsent): the command's answer right after a write, else the
 * section trail's; and the quotes the latest version published anyway, with the reason given and who decided.
 */
function consentWarnings(state, section) {
  const fresh = state.warnings.get(section.sectionId);
  const trail = state.trails.get(section.sectionId);
  const items = fresh ? fresh.map(w => ({ keyPointId: w.keyPointId, reason: w.reason, overridable: w.overridable }))
    : (section.quotedWithoutConsent || []).map(id => ({ keyPointId: id, reason: 'the speaker does not consent to be quoted', overridable: true }));
  const overridden = (trail?.citations || []).filter(c => c.consentOverride);
  const quote = id => h('span', { class: 'quoted' }, words(state.keyPoints.get(id)?.text));
  return [
    items.length ? notice('warn', h('strong', {}, 'Quoted without the speaker’s consent: '),
      `publishing will need a reason for ${items.length === 1 ? 'this quote' : `each of these ${items.length} quotes`}, or a rewrite without ${items.length === 1 ? 'it' : 'them'}.`,
      h('ul', { class: 'consent-warnings' }, items.map(item => h('li', { dataset: { keyPointId: item.keyPointId } },
        quote(item.keyPointId), ` — ${item.reason}`, item.overridable ? '' : ' (cannot be published at all)')))) : null,
    overridden.length ? notice('info', h('strong', {}, `Published in version ${overridden[0].consentOverride.version} without consent, for a reason: `),
      h('ul', {}, overridden.map(c => h('li', {}, quote(c.targetId),
        ` — “${c.consentOverride.reason}” (decided by ${c.consentOverride.by || 'someone not recorded'}; ${GAP_WORDS[c.consentOverride.gap] || c.consentOverride.gap})`)))) : null,
  ];
}

function sectionCard(state, section) {
  const trail = state.trails.get(section.sectionId);
  return h('li', { class: 'card', id: `section-${section.sectionId}` },
    h('h3', { class: 'flush-top' }, `${section.position}. ${section.heading}`),
    h('p', { class: 'muted small' }, `Written ${formatDateTime(section.writtenAt)}`,
      section.publishedVersions.length ? ` · in version${section.publishedVersions.length > 1 ? 's' : ''} ${section.publishedVersions.join(', ')}` : ' · not published yet',
      trail ? ` · ${plural(trail.distinctVoices, 'voice')} behind it` : ''),
    sectionText(state, section),
    consentWarnings(state, section),
    section.citations.length ? h('ol', { class: 'citation-list', 'aria-label': 'Citations' }, section.citations.map((c, i) =>
      h('li', {}, h('span', { class: 'actions' }, h('strong', {}, `[${i + 1}]`), h('span', { class: 'chip' }, KIND_NAMES[c.kind] || c.kind), citationWords(state, c)))))
      : h('p', { class: 'muted' }, 'Cites nothing yet.'),
    state.mayWrite ? h('div', { class: 'actions section-actions' },
      h('button', { type: 'button', class: 'secondary', dataset: { rewrite: section.sectionId }, onclick: () => openEditor(state, section) }, 'Rewrite this section')) : null,
    h('div', { class: 'editor-slot' }));
}

/** The choices for a citation of each kind: the session's key points and quotes, conversations, the report's themes. */
function targetChoices(state, kind) {
  if (kind === 'KEY_POINT' || kind === 'QUOTE') {
    return state.coverage.keyPoints.filter(k => kind === 'KEY_POINT' || k.verbatim)
      .filter(k => k.fate !== 'RETRACTED')
      .map(k => ({ value: k.keyPointId, label: `${k.room ? `R${k.round} ${k.room}: ` : ''}${shorten(keyPointLabel(k), 110)}` }));
  }
  if (kind === 'CONVERSATION') {
    return [...state.conversations.values()].sort((a, b) => a.slot.round - b.slot.round || String(a.slot.room).localeCompare(String(b.slot.room), undefined, { numeric: true }))
      .map(p => ({ value: p.proposalId, label: `Round ${p.slot.round}, ${p.slot.room}: ${shorten(p.question, 90)}` }));
  }
  if (kind === 'THEME') return state.draft.themes.map(t => ({ value: t.themeId, label: `${t.name} (${plural(t.keyPointIds.length, 'key point')})` }));
  return null; // ideas: by id
}

/** Renumbers anchors after citation `removed` (1-based) left: [^removed] goes, later ones move down by one. */
function withoutAnchor(text, removed) {
  return text.replace(/\[\^(\d+)\]/g, (whole, n) => {
    const k = Number(n);
    if (k === removed) return '';
    return k > removed ? `[^${k - 1}]` : whole;
  });
}

function openEditor(state, section) {
  document.querySelectorAll('.section-editor').forEach(e => e.remove());
  const slot = section ? $(`#section-${CSS.escape(section.sectionId)} .editor-slot`) : $('#new-section');
  const citations = section ? section.citations.map(c => ({ ...c })) : [];
  const message = h('div', { 'aria-live': 'polite' });
  const nextPosition = Math.max(0, ...state.draft.sections.map(s => s.position)) + 1;
  const position = h('input', { id: 'section-position', name: 'position', type: 'number', min: 1, required: true, value: section ? section.position : nextPosition });
  const heading = h('input', { id: 'section-heading', name: 'heading', required: true, value: section?.heading || '' });
  const text = h('textarea', { id: 'section-text', name: 'text', required: true, rows: 8 });
  text.value = section?.text || '';
  const list = h('ol', { class: 'citation-list', id: 'editor-citations' });
  const drawCitations = () => clear(list, citations.length ? citations.map((c, i) => h('li', {},
    h('span', { class: 'actions' }, h('strong', {}, `[^${i + 1}]`), h('span', { class: 'chip' }, KIND_NAMES[c.kind]), citationWords(state, c)),
    h('span', { class: 'actions' },
      h('button', {
        type: 'button', class: 'secondary', dataset: { anchor: String(i + 1) },
        title: 'Puts [^n] where the cursor is in the text: it marks the sentence this citation supports',
        onclick: () => {
          const at = text.selectionEnd ?? text.value.length;
          const anchor = `[^${i + 1}]`;
          text.value = text.value.slice(0, at) + anchor + text.value.slice(at);
          text.focus();
          text.setSelectionRange(at + anchor.length, at + anchor.length);
        },
      }, `Insert anchor [^${i + 1}]`),
      h('button', {
        type: 'button', class: 'link',
        onclick: () => {
          citations.splice(i, 1);
          text.value = withoutAnchor(text.value, i + 1);
          drawCitations();
        },
      }, 'Remove')))) : h('li', { class: 'muted' }, 'No citations yet.'));
  drawCitations();

  const kind = h('select', { id: 'citation-kind', name: 'citationKind' },
    Object.entries(KIND_NAMES).map(([value, label]) => h('option', { value }, label)));
  const targetSlot = h('div', { class: 'field', style: 'flex:3 1 20rem' });
  let target;
  const drawTargets = () => {
    const choices = targetChoices(state, kind.value);
    target = choices ? h('select', { id: 'citation-target', name: 'citationTarget' },
      choices.length ? choices.map(c => h('option', { value: c.value }, c.label)) : h('option', { value: '' }, 'nothing to cite of this kind'))
      : h('input', { id: 'citation-target', name: 'citationTarget', placeholder: 'the idea’s id', autocomplete: 'off' });
    clear(targetSlot, h('label', { for: 'citation-target' }, 'Cites'), target);
  };
  kind.addEventListener('change', drawTargets);
  drawTargets();
  const addMessage = h('span', { class: 'field-error', 'aria-live': 'polite' });
  const add = h('button', {
    type: 'button', class: 'secondary', id: 'add-citation',
    onclick: () => {
      const value = target.value.trim();
      addMessage.textContent = '';
      if (!value) {
        addMessage.textContent = 'Choose what to cite.';
        return;
      }
      if (citations.some(c => c.kind === kind.value && c.targetId === value)) {
        addMessage.textContent = 'The section already cites this.';
        return;
      }
      citations.push({ kind: kind.value, targetId: value });
      drawCitations();
    },
  }, 'Add the citation');

  const citationsBox = h('fieldset', { id: 'section-citations' }, h('legend', {}, 'Citations'), list,
    h('div', { class: 'row' }, h('div', { class: 'field', style: 'flex:1 1 10rem' }, h('label', { for: 'citation-kind' }, 'Kind'), kind),
      targetSlot, h('div', { class: 'field', style: 'flex:0 0 auto' }, h('span', { class: 'label-spacer' }, ' '), add)),
    addMessage);
  const form = h('form', { class: 'card stack section-editor', id: 'section-editor', dataset: { write: 'true' } },
    h('h3', { class: 'flush-top' }, section ? `Rewrite section ${section.position}` : 'Write a new section'),
    message,
    h('div', { class: 'row' },
      h('div', { class: 'field', style: 'flex:0 0 7rem' }, h('label', { for: 'section-position' }, 'Position'), position),
      h('div', { class: 'field' }, h('label', { for: 'section-heading' }, 'Heading'), heading)),
    h('div', { class: 'field' }, h('label', { for: 'section-text' }, 'Text'), text,
      h('span', { class: 'hint' }, 'Mark the sentence a citation supports with its anchor, [^1] for the first citation: use “Insert anchor” below.')),
    citationsBox,
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, section ? 'Save the rewrite' : 'Save the section'),
      h('button', { type: 'button', class: 'secondary', onclick: () => form.remove() }, 'Cancel')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {
      position: position.value === '' ? null : Number(position.value), heading: heading.value.trim(), text: text.value,
      citations: citations.map(c => ({ kind: c.kind, targetId: c.targetId })),
    };
    const path = `/api/reports/${encodeURIComponent(state.report.reportId)}/sections`;
    const done = await write(message, form, { position, heading, text, citations: citationsBox },
      section ? 'Saving the rewrite' : 'Saving the section',
      () => (section ? command('PUT', `${path}/${encodeURIComponent(section.sectionId)}`, body) : command('POST', path, body)),
      async ({ sectionId }) => {
        const draft = await query(draftPath(state));
        const saved = draft.sections.find(s => s.sectionId === sectionId);
        return saved && saved.heading === body.heading && saved.text === body.text && saved.position === body.position;
      });
    if (done) {
      state.warnings.set(done.sectionId, done.quotedWithoutConsent || []);
      await redraw(state);
      const warned = done.quotedWithoutConsent?.length;
      clear(state.message, notice(warned ? 'warn' : 'ok', `Section “${body.heading}” saved.`,
        warned ? ` ${plural(warned, 'quote')} without the speaker’s consent: see the section.` : ''));
      $(`#section-${CSS.escape(done.sectionId)}`)?.scrollIntoView({ block: 'start' });
    }
  });
  slot.append(form);
  (section ? text : heading).focus();
}

function publishCard(state) {
  const versions = state.draft.publishedVersions;
  const next = (versions.length ? Math.max(...versions) : 0) + 1;
  const message = h('div', { 'aria-live': 'polite', id: 'publish-status' });
  const note = h('textarea', { id: 'change-note', name: 'changeNote', rows: 3 });
  const overrides = h('div', { id: 'consent-overrides' });
  const form = h('form', { class: 'card stack', id: 'publish', dataset: { write: 'true' } },
    h('h2', { class: 'flush-top' }, `Publish version ${next}`),
    h('p', { class: 'muted' }, 'Every section of the draft, as it stands, becomes version ', String(next), '. Versions never change; ',
      'a correction is a new version.'),
    message,
    h('div', { class: 'field' }, h('label', { for: 'change-note' }, next > 1 ? 'What changed since the last version (required)' : 'Note (optional)'), note),
    overrides,
    h('div', {}, h('button', { type: 'submit', id: 'publish-button', disabled: !state.draft.sections.length }, `Publish version ${next}`)));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const consentOverrides = [...overrides.querySelectorAll('textarea[data-key-point-id]')]
      .map(t => ({ citationTargetId: t.dataset.keyPointId, reason: t.value.trim() }));
    const reasons = Object.fromEntries([...overrides.querySelectorAll('textarea[data-key-point-id]')].map(t => [t.dataset.keyPointId, t]));
    const fields = { changeNote: note, consentOverrides: overrides };
    let refusedForConsent = false;
    const published = await write(message, form, fields, `Publishing version ${next}`,
      async () => {
        try {
          return await command('POST', `/api/reports/${encodeURIComponent(state.report.reportId)}/publications`,
            { changeNote: note.value.trim() || undefined, consentOverrides: consentOverrides.length ? consentOverrides : undefined });
        } catch (e) {
          if (e.status === 409 && e.problem.quotedWithoutConsent) {
            refusedForConsent = true;
            refused(state, overrides, e.problem.quotedWithoutConsent, reasons);
          }
          throw e;
        }
      },
      async ({ version }) => (await query(draftPath(state))).publishedVersions.includes(version));
    if (!published && refusedForConsent) {
      clear(message); // the refusal is drawn below, quote by quote
      overrides.querySelector('textarea, button')?.focus();
    }
    if (published) {
      await redraw(state);
      clear(state.message, notice('ok', h('strong', {}, `Version ${published.version} published. `),
        h('a', { href: reportLink(state, published.version), id: 'published-link' }, `Read version ${published.version}`)));
      state.message.scrollIntoView({ block: 'nearest' });
    }
  });
  return form;
}

/** Publication refused: each quote without consent, with a reason to give per quote or the way back to its section. */
function refused(state, box, quotes, previous) {
  const heading = id => state.draft.sections.find(s => s.sectionId === id);
  clear(box, notice('warn', h('strong', {}, 'Not published: '),
    `${plural(quotes.length, 'quote')} in the draft ${quotes.length === 1 ? 'lacks' : 'lack'} the speaker’s consent to be quoted. `,
    'Give a reason to publish each anyway (it is kept with the version, under your name), or go back and rewrite the section.'),
  quotes.map(q => {
    const section = heading(q.sectionId);
    const k = state.keyPoints.get(q.keyPointId);
    const id = `override-${q.keyPointId}`;
    const back = h('button', {
      type: 'button', class: 'link',
      onclick: () => {
        $(`#section-${CSS.escape(q.sectionId)}`)?.scrollIntoView({ block: 'start' });
        if (section) openEditor(state, section);
      },
    }, `Go back to section ${section ? `${section.position} (${section.heading})` : q.sectionId}`);
    const reason = q.overridable ? h('textarea', { id, rows: 2, dataset: { keyPointId: q.keyPointId }, required: true }) : null;
    if (reason && previous?.[q.keyPointId]) reason.value = previous[q.keyPointId].value;
    return h('div', { class: 'quote-override', dataset: { quote: q.keyPointId } },
      h('div', {}, h('span', { class: 'quoted' }, words(k?.text)), h('span', { class: 'muted' }, ` — ${k?.voice || 'anonymous'}`)),
      h('div', { class: 'muted small' }, `In section ${section ? `${section.position} (${section.heading})` : q.sectionId}: ${q.reason}.`),
      q.overridable ? h('div', { class: 'field' }, h('label', { for: id }, 'Reason to publish it anyway'), reason)
        : h('p', { class: 'field-error' }, 'These words cannot be published: rewrite the section without them.'),
      back);
  }));
}
