// The review API, with the moderator's bearer token. Problems (RFC 9457) come back as {problem}.

export class Api {
  constructor(token, onSignedOut) {
    this.token = token;
    this.onSignedOut = onSignedOut;
  }

  async call(method, path, { body, ifMatch, keepalive } = {}) {
    const headers = { Authorization: 'Bearer ' + this.token, Accept: 'application/json, application/problem+json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (ifMatch !== undefined) {
      headers['If-Match'] = '"' + ifMatch + '"';
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), keepalive });
    } catch (e) {
      return { status: 0, problem: { title: 'The service could not be reached', detail: 'Check the connection; nothing was changed.' } };
    }
    if (response.status === 401) {
      this.onSignedOut();
    }
    const type = response.headers.get('Content-Type') || '';
    const json = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      return { status: response.status, problem: json || { title: response.statusText }, retryAfter: response.headers.get('Retry-After') };
    }
    return { status: response.status, json, etag: response.headers.get('ETag') };
  }

  get(path) { return this.call('GET', path); }
  post(path, body, ifMatch) { return this.call('POST', path, { body, ifMatch }); }
  patch(path, body, ifMatch) { return this.call('PATCH', path, { body, ifMatch }); }
}

/** One line for the status region: the problem's title and detail, and its field errors. */
export function explain(problem) {
  const errors = (problem.errors || []).map((e) => e.field + ': ' + e.message).join('; ');
  return [problem.title, problem.detail, errors].filter(Boolean).join(' — ');
}
