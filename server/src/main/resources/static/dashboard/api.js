// Calls to the service's own API under /api/v1; an API key, when the service asks for one, lives in this tab's
// sessionStorage only and goes out as a Bearer token.
const KEY = 'nexus.apiKey';
export const API = '/api/v1/attribution';

/** A refusal of the API, carrying its RFC 9457 problem. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function problemText(status, problem) {
  if (!problem) return `HTTP ${status}`;
  const fields = (problem.errors || problem.fields || [])
    .map((f) => `${f.field || f.name}: ${f.reason || f.message}`).join('; ');
  return [problem.title || `HTTP ${status}`, problem.detail, fields].filter(Boolean).join(' — ');
}

let askForKey = null;

/** Registers what to do when the service answers 401: ask for a key, resolve when one was given. */
export function onKeyNeeded(handler) {
  askForKey = handler;
}

export function setKey(key) {
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
}

async function call(method, path, body) {
  for (;;) {
    const headers = { Accept: 'application/json' };
    const key = sessionStorage.getItem(KEY);
    if (key) headers.Authorization = `Bearer ${key}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 && askForKey) {
      // Asked again until a key is accepted; the refused one is forgotten.
      setKey(null);
      await askForKey(key ? 'That key was refused; check it and try again.' : '');
      continue;
    }
    const text = await response.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch (e) { json = null; }
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body ?? {});
