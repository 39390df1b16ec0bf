// The frame every page shares: sign-in check, header with navigation, the session picker and the user's roles.

import { me, query, signOut } from './api.js';
import { $, clear, errorNotice, h, notice, params } from './dom.js';

const AGENDA_KEY = 'consultation-tracker.agenda';

const PAGES = [
  { id: 'agenda', href: 'index.html', label: 'Agenda', show: can => can.read },
  { id: 'participation', href: 'participation.html', label: 'Participation', show: can => can.read },
  { id: 'voice-flow', href: 'voice-flow.html', label: 'Voice flow', show: can => can.read },
  { id: 'report', href: 'report.html', label: 'Report', show: can => can.read },
  { id: 'themes', href: 'themes.html', label: 'Themes', show: can => can.read },
  { id: 'writing', href: 'writing.html', label: 'Writing', show: can => can.read },
  { id: 'audit-log', href: 'audit-log.html', label: 'Audit log', show: can => can.read },
  { id: 'my-data', href: 'my-data.html', label: 'My data', show: can => can.ownData },
  { id: 'replay', href: 'replay.html', label: 'Replay', show: can => can.rebuild },
  { id: 'facilitate', href: 'facilitate.html', label: 'Run the event', show: can => can.record },
];

/**
 * What the signed-in roles may do; the services enforce it, the interface only hides what would be refused.
 * `ownData`: the account speaks for a registered participant, whose data "My data" shows.
 */
export function capabilities(roles, participantId = null) {
  const has = (...names) => names.some(name => roles.includes(name));
  return {
    ownData: Boolean(participantId),
    read: has('ADMIN', 'FACILITATOR', 'NOTE_TAKER', 'REVIEWER'),
    runAgenda: has('ADMIN', 'FACILITATOR'),
    record: has('ADMIN', 'FACILITATOR', 'NOTE_TAKER'),
    rebuild: has('ADMIN'),
    writeReport: has('ADMIN', 'FACILITATOR'),
  };
}

const ROLE_WORDS = {
  ADMIN: 'admin', FACILITATOR: 'facilitator', NOTE_TAKER: 'note-taker', REVIEWER: 'reviewer', PARTICIPANT: 'participant',
};

/** "reviewer · read only", "notetaker", "ana · facilitator": the role only where the user name does not say it. */
function whoLine(user, can) {
  const plain = word => word.replace(/[^a-z]/gi, '').toLowerCase();
  const roles = user.roles.map(r => ROLE_WORDS[r] || r.toLowerCase()).filter(word => plain(word) !== plain(user.username));
  return [user.username, ...roles, ...(can.record || !can.read ? [] : ['read only'])].join(' · ');
}

/**
 * Starts a page: sends strangers to sign in, draws the header, finds the Open Space sessions. Resolves to
 * {user, can, agendaId, agendas, link(href)} or never (when it redirected).
 */
export async function startPage(active) {
  let user;
  try {
    user = await me();
  } catch (e) {
    if (e.status === 401) return new Promise(() => {}); // on its way to the sign-in page
    throw e;
  }
  const can = capabilities(user.roles, user.participantId);
  const main = $('main');
  if (!can.read) {
    // A participant account reads only its own data: that page is theirs, the consultation's records are not.
    if (can.ownData && active !== 'my-data') {
      location.replace('my-data.html');
      return new Promise(() => {});
    }
    drawHeader(active, user, can, [], null);
    if (!can.ownData) {
      clear(main, notice('warn', h('strong', {}, 'This account is not linked to a participant. '),
        'Ask the facilitators to link it, so that you can see what is held about you here.'));
      return new Promise(() => {});
    }
    return { user, can, agendaId: null, agendas: [], link: href => href };
  }
  let sessions = { agendas: [], next: null };
  try {
    sessions = await listAgendas();
  } catch (e) {
    main.prepend(errorNotice(e, 'The sessions could not be listed'));
  }
  const agendas = sessions.agendas;
  // A session named in the address wins (it may be too new to be listed); a remembered one only if it still exists.
  const remembered = localStorage.getItem(AGENDA_KEY);
  const agendaId = params().get('session')
    || (agendas.some(a => a.agendaId === remembered) ? remembered : agendas[0]?.agendaId) || null;
  if (agendaId) localStorage.setItem(AGENDA_KEY, agendaId);
  drawHeader(active, user, can, agendas, agendaId, sessions.next);
  const link = href => withSession(href, agendaId);
  return { user, can, agendaId, agendas, link };
}

function withSession(href, agendaId) {
  if (!agendaId) return href;
  const [path, hash] = href.split('#');
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}session=${encodeURIComponent(agendaId)}${hash ? `#${hash}` : ''}`;
}

/** Sessions the picker asks for at a time; "More sessions…" asks for the next page. */
const SESSIONS_PER_PAGE = 100;
const MORE_SESSIONS = '#more-sessions';

/**
 * Open Space sessions are the agendas that had a framing question posed (`GET /api/agendas` lists them all, a page
 * at a time). Resolves to {agendas, next}: `next` is where the following page starts, or null after the last one.
 */
async function listAgendas(after) {
  const page = await query('/api/agendas', { after, size: SESSIONS_PER_PAGE });
  return {
    agendas: page.agendas.filter(a => a.framingQuestion).map(a => ({ agendaId: a.agendaId, title: a.title || a.agendaId })),
    next: page.next,
  };
}

/** Adds the next page of sessions to the picker, which then offers "More sessions…" again while there are more. */
async function moreSessions(active, user, can, agendas, agendaId, next) {
  try {
    const page = await listAgendas(next);
    drawHeader(active, user, can, [...agendas, ...page.agendas], agendaId, page.next);
    $('#session-select')?.focus();
  } catch (e) {
    $('main').prepend(errorNotice(e, 'More sessions could not be listed'));
    drawHeader(active, user, can, agendas, agendaId, next);
  }
}

function drawHeader(active, user, can, agendas, agendaId, next = null) {
  const header = $('#site-header');
  const more = next !== null && next !== undefined;
  const picker = agendas.length > 1 || more ? h('label', { class: 'session-picker' }, 'Session',
    h('select', {
      id: 'session-select',
      onchange: event => {
        if (event.target.value === MORE_SESSIONS) {
          event.target.disabled = true;
          moreSessions(active, user, can, agendas, agendaId, next);
          return;
        }
        localStorage.setItem(AGENDA_KEY, event.target.value);
        const url = new URL(location.href);
        url.searchParams.set('session', event.target.value);
        url.hash = '';
        location.assign(url);
      },
    },
    // A session named in the address but not on the pages listed so far still shows as the one chosen.
    agendas.some(a => a.agendaId === agendaId) ? null
      : h('option', { value: agendaId || '', selected: true, disabled: true }, agendaId || 'Choose a session'),
    agendas.map(a => h('option', { value: a.agendaId, selected: a.agendaId === agendaId }, a.title)),
    more ? h('option', { value: MORE_SESSIONS }, 'More sessions…') : null))
    : agendas.length === 1 ? h('span', { class: 'session-picker muted' }, agendas[0].title) : null;
  clear(header,
    h('a', { class: 'skip-link', href: '#main' }, 'Skip to the content'),
    h('div', { class: 'bar' },
      h('a', { class: 'brand', href: withSession('index.html', agendaId) }, 'Consultation ', h('span', {}, 'tracker')),
      h('nav', { class: 'site-nav', 'aria-label': 'Main' },
        h('ul', {}, PAGES.filter(p => !p.show || p.show(can)).map(p => h('li', {},
          h('a', { href: withSession(p.href, agendaId), 'aria-current': p.id === active ? 'page' : null }, p.label))))),
      picker,
      h('div', { class: 'who' },
        h('span', { id: 'signed-in-as', dataset: { roles: user.roles.join(' ') } },
          h('span', { class: 'visually-hidden' }, 'Signed in as '), whoLine(user, can)),
        h('button', {
          class: 'secondary', type: 'button', id: 'sign-out',
          onclick: async () => {
            try { await signOut(); } finally { location.assign('login.html'); }
          },
        }, 'Sign out'))));
}

/** Runs a page's body, turning any failure into a readable message instead of a blank page. */
export async function run(active, body) {
  try {
    const context = await startPage(active);
    await body(context);
    document.body.dataset.ready = 'true';
  } catch (e) {
    console.error(e);
    $('main').prepend(errorNotice(e, 'Something went wrong'));
    document.body.dataset.ready = 'error';
  }
}
