// Calls to the two services. Reads go to this (query) side; writes go to the command side, whose address /api/me
// gives. HTTP Basic credentials live in sessionStorage for this tab only and are sent explicitly on every call;
// `credentials: 'omit'` keeps the browser's own sign-in dialog from popping up on a 401.

const CREDENTIALS = 'consultation-tracker.credentials';

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

export function storeCredentials(username, password) {
  sessionStorage.setItem(CREDENTIALS, btoa(unescape(encodeURIComponent(`${username}:${password}`))));
}

/** Checks the credentials against /api/me and keeps them only if they work. */
export async function signIn(username, password) {
  storeCredentials(username, password);
  const response = await fetch(new URL('/api/me', location.origin), { headers: headers(), credentials: 'omit' });
  if (!response.ok) {
    forgetCredentials();
    throw new ApiError(response.status, response.status === 401
      ? { detail: 'That user name and password do not match.' } : await problemOf(response));
  }
  return response.json();
}

export function forgetCredentials() {
  sessionStorage.removeItem(CREDENTIALS);
}

export function hasCredentials() {
  return sessionStorage.getItem(CREDENTIALS) !== null;
}

function headers(extra = {}) {
  const basic = sessionStorage.getItem(CREDENTIALS);
  return { Accept: 'application/json, application/problem+json', ...(basic ? { Authorization: `Basic ${basic}` } : {}), ...extra };
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
  const response = await fetch(url, { headers: headers(), credentials: 'omit' });
  if (response.status === 401) {
    forgetCredentials();
    location.assign(`login.html?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`);
    throw new ApiError(401, { detail: 'Please sign in again.' });
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.json();
}

/** GET a query-side resource as a file download (CSV exports need the Authorization header, so no plain link). */
export async function download(path, params, filename) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: headers({ Accept: 'text/csv' }), credentials: 'omit' });
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
  const response = await fetch(new URL(path, location.origin), {
    method: 'POST', credentials: 'omit', headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.json();
}

let currentUser;

/** Who is signed in: {username, roles, commandApi}. Cached for the page. */
export async function me() {
  currentUser ??= await query('/api/me');
  return currentUser;
}

/**
 * A write through the command API. Every submission carries a fresh Idempotency-Key, so the command side can
 * answer a network retry of the same request without recording it twice.
 */
export async function command(method, path, body) {
  const { commandApi } = await me();
  let response;
  try {
    response = await fetch(commandApi + path, {
      method, credentials: 'omit', mode: 'cors',
      headers: headers({ 'Content-Type': 'application/json', 'Idempotency-Key': newKey() }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { detail: `The command service at ${commandApi} could not be reached (${e.message}).` });
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

/** crypto.randomUUID needs a secure context; plain http on a LAN address is not one. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

/** Every entry of an audit-log search, following pages (at most `limit` entries). */
export async function auditLogEntries(params, limit = 5000) {
  const entries = [];
  for (let page = 0; entries.length < limit; page++) {
    const result = await query('/api/audit-log', { ...params, page, size: 500 });
    entries.push(...result.entries);
    if (page + 1 >= result.totalPages) break;
  }
  return entries;
}
