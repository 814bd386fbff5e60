// Requests the page makes: JSON in, RFC 9457 problems out as ProblemError, the operator's token
// (entered once, kept for this browser tab only) sent on every request so that a server with
// READ_REQUIRES_TOKEN=true still shows its data.

const TOKEN_KEY = 'clearance-map.token';

/** Where the page asks the server, relative to the page. */
export const URLS = {
  health: './health',
  pageSettings: './page-settings',
  stateParties: './api/state-parties',
  deadlines: './api/deadlines',
  hazards: './api/hazards',
  releases: './api/releases',
};

/** An RFC 9457 problem (or a failure shaped like one) from a request the page made. */
export class ProblemError extends Error {
  constructor(title, detail, status, problem = null) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ProblemError';
    this.title = title;
    this.detail = detail;
    this.status = status;
    this.problem = problem; // the whole problem document, e.g. with `errors` of a rejected upload
  }
}

export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

export function setToken(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage disabled: the token lasts until the page is reloaded
  }
  memoryToken = value || '';
}

let memoryToken = '';

/** True when the user entered a token (reads then carry it). */
export function hasToken() {
  return Boolean(token() || memoryToken);
}

function authHeaders() {
  const value = token() || memoryToken;
  return value ? { Authorization: `Bearer ${value}` } : {};
}

/** Fetches JSON; throws ProblemError for a failure (AbortError is passed through). */
export async function fetchJson(url, { signal, method = 'GET', body, contentType } = {}) {
  let response;
  const headers = { Accept: 'application/json', ...authHeaders() };
  if (contentType) headers['Content-Type'] = contentType;
  try {
    response = await fetch(url, { signal, method, body, headers, cache: 'no-store' });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ProblemError('Server unreachable', `${url} could not be fetched (${err.message})`);
  }
  if (!response.ok) throw await problemFrom(response);
  return response.json();
}

export async function problemFrom(response) {
  const fallback = `${response.status} ${response.statusText}`.trim();
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const problem = await response.json();
      return new ProblemError(problem.title || fallback, problem.detail || '', response.status, problem);
    } catch {
      // not JSON after all: fall through to the status line
    }
  }
  return new ProblemError(fallback, '', response.status);
}

/**
 * POSTs a body (an upload) with the token, reporting onProgress(sentBytes, totalBytes) while it
 * is sent: fetch() cannot tell upload progress, XMLHttpRequest can. Resolves with the JSON
 * answer; throws ProblemError as fetchJson does.
 */
export function postWithProgress(url, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    const progress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.upload.addEventListener('progress', progress);
    xhr.upload.addEventListener('load', progress);
    xhr.addEventListener('load', () => {
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') || '' },
      });
      if (response.ok) response.json().then(resolve, reject);
      else problemFrom(response).then(reject, reject);
    });
    xhr.addEventListener('error', () => reject(new ProblemError('Server unreachable',
      `${url} could not be sent (the connection failed or was closed)`)));
    xhr.addEventListener('abort', () => reject(new ProblemError('Upload cancelled', '')));
    xhr.send(body);
  });
}

/** Adds asOf to a URL when a date is chosen (empty: the server's today). */
export function withAsOf(url, asOf) {
  if (!asOf) return url;
  return `${url}${url.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(asOf)}`;
}

/**
 * Opens a link's target fetched with the token, for links that a plain navigation would open
 * without it (401 when reads need a token): served as an attachment (CSV) or with a file name, it
 * is downloaded; otherwise (HTML, JSON) it opens in a new tab, both from a blob: URL. `tab` is a
 * window the caller opened during the click (a tab opened only after a slow report would be taken
 * for a popup and blocked): the report goes there, or it is closed when there is nothing to show.
 */
export async function openWithToken(url, { fileName, tab = null } = {}) {
  let response;
  try {
    response = await fetch(url, { headers: authHeaders(), cache: 'no-store' });
  } catch (err) {
    tab?.close();
    throw new ProblemError('Server unreachable', `${url} could not be fetched (${err.message})`);
  }
  if (!response.ok) {
    tab?.close();
    throw await problemFrom(response);
  }
  const type = response.headers.get('Content-Type') || 'application/octet-stream';
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = /filename="?([^";]+)"?/i.exec(disposition);
  const blob = type.startsWith('text/html')
    ? new Blob([withAbsoluteLinks(await response.text(), response.url)], { type })
    : await response.blob();
  const href = URL.createObjectURL(blob);
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  const download = /^attachment/i.test(disposition) || fileName;
  if (!download && tab && !tab.closed) {
    tab.location.replace(href);
    return;
  }
  tab?.close();
  const link = document.createElement('a');
  link.href = href;
  if (download) {
    link.download = named?.[1] || fileName;
  } else {
    link.target = '_blank';
    link.rel = 'noopener';
  }
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * A document opened from a blob: URL has no address to resolve relative links against (and the
 * page's policy forbids <base>), so its style sheet and links are made absolute first. The
 * document is parsed inert: nothing in it runs or loads here.
 */
function withAbsoluteLinks(html, base) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const node of doc.querySelectorAll('link[href], a[href]')) {
    node.setAttribute('href', new URL(node.getAttribute('href'), base).href);
  }
  for (const node of doc.querySelectorAll('img[src]')) {
    node.setAttribute('src', new URL(node.getAttribute('src'), base).href);
  }
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
}
