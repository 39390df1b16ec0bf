// Calls to the two services. Reads go to this (query) side; writes go to the command side, whose address /api/me
// gives. Sign-in opens a session whose cookie the browser keeps (HttpOnly: no script here can read it, and no
// password is ever stored); the cookie belongs to the host, so it reaches the command side too. Every write also
// sends the session's CSRF token, which GET /api/session gives this page.

export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem?.detail || problem?.title || `HTTP ${status}`;
    super(detail);
    this.status = status;
    this.problem = problem || {};
  }

  /** The field errors of a 400 problem, as "field: message" lines. */
  get fieldErrors() {
    return (this.problem.errors || []).map(e => `${e.field}: ${e.message}`);
  }
}

/** Opens a session (the service sets the cookie); the password goes nowhere else. */
export async function signIn(username, password) {
  const response = await fetch(new URL('/api/session', location.origin), {
    method: 'POST', credentials: 'same-origin',
    headers: { Accept: 'application/json, application/problem+json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.json();
}

/** Ends the session on every instance of both services, then forgets the page's copy of it. */
export async function signOut() {
  try {
    const { csrfToken } = await session();
    await fetch(new URL('/api/session', location.origin), {
      method: 'DELETE', credentials: 'same-origin', headers: headers({ 'X-CSRF-Token': csrfToken || '' }),
    });
  } finally {
    currentSession = undefined;
    currentUser = undefined;
  }
}

function headers(extra = {}) {
  return { Accept: 'application/json, application/problem+json', ...extra };
}

function toSignIn() {
  location.assign(`login.html?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`);
  return new ApiError(401, { detail: 'Please sign in again.' });
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return { detail: `${response.status} ${response.statusText}` };
  }
}

/** GET a query-side JSON resource; `params` with empty values are left out. */
export async function query(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: headers(), credentials: 'same-origin' });
  if (response.status === 401) throw toSignIn();
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.json();
}

/** GET a query-side resource as a file download; a failure is shown on the page instead of a broken file. */
export async function download(path, params, filename, accept = 'text/csv') {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: headers({ Accept: accept }), credentials: 'same-origin' });
  if (response.status === 401) throw toSignIn();
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const blob = await response.blob();
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** POST to the query side (replays). */
export async function postQuerySide(path, body) {
  const { csrfToken } = await session();
  const response = await fetch(new URL(path, location.origin), {
    method: 'POST', credentials: 'same-origin',
    headers: headers({ 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken || '' }),
    body: JSON.stringify(body),
  });
  if (response.status === 401) throw toSignIn();
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.json();
}

let currentUser;
let currentSession;

/** Who is signed in: {username, roles, participantId, commandApi}. Cached for the page. */
export async function me() {
  currentUser ??= await query('/api/me');
  return currentUser;
}

/** The session: {username, roles, expiresAt, csrfToken}. Cached for the page. */
export async function session() {
  currentSession ??= await query('/api/session');
  return currentSession;
}

/**
 * A write through the command API. Every submission carries a fresh Idempotency-Key, so the command side can
 * answer a network retry of the same request without recording it twice.
 */
export async function command(method, path, body) {
  const [{ commandApi }, { csrfToken }] = await Promise.all([me(), session()]);
  let response;
  try {
    response = await fetch(commandApi + path, {
      method, credentials: 'include', mode: 'cors',
      headers: headers({ 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), 'X-CSRF-Token': csrfToken || '' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { detail: `The command service at ${commandApi} could not be reached (${e.message}).` });
  }
  if (response.status === 401) throw toSignIn();
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

/** crypto.randomUUID needs a secure context; plain http on a LAN address is not one. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}
