// The one way pages talk to Ward: fetch under /api/v1 with the session cookie, the CSRF token on
// changes (POST, PUT, PATCH, DELETE), JSON in and out (or a body of another type as is, with
// `bodyType`: a CSV upload), and errors as ApiError with the server's
// message, the field it names (error.field) and the rest of its error object. A 401 anywhere
// tells the app to show the login page again.
let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, message, detail = {}) {
    super(message);
    this.status = status;
    this.field = detail.field || null;  // "discovered", "residents.XX", "law_enforcement.until"…
    this.detail = detail;               // the server's whole error object (a 409 may list what depends)
  }
}

export function setCsrfToken(token) { csrfToken = token; }
export function whenSignedOut(callback) { onSignedOut = callback; }

export async function api(path, { method = 'GET', body, bodyType, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = bodyType || 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method, headers, credentials: 'same-origin',
      body: body === undefined || bodyType ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'Ward did not answer; is `ward serve` running?');
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const message = data?.error?.message || `${res.status} ${res.statusText}`;
    if (res.status === 401 && !quiet401) onSignedOut();
    throw new ApiError(res.status, message, data?.error || {});
  }
  return data;
}

// "?a=1&b=x" from an object, leaving out empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
