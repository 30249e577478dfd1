// The Toki HTTP API (protocol.md §12). Empty base: the page's own origin (the Toki server, or Vite's proxy).
const base = import.meta.env.VITE_TOKI_URL ?? '';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(path, { token, method = 'GET', body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'http_error', error.message ?? `HTTP ${response.status}`);
  }
  return data;
}

/** Development only: a token for a seeded user. */
export const devLogin = (userId) => request('/api/dev/token', { method: 'POST', body: { userId } });

export const fetchMe = (token) => request('/api/me', { token });

export function fetchCalls(token, { limit = 5, before } = {}) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before) query.set('before', before);
  return request(`/api/calls?${query}`, { token });
}
