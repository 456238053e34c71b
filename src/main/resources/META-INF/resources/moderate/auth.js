// Sign-in: the newsroom's OpenID Connect provider (authorization code flow with PKCE, in the browser:
// Comment Desk never sees a password), or, on the embedded profile only, a one-click development
// sign-in. The access token lives in this tab's sessionStorage and goes to the API as a bearer token.

const TOKEN = 'commentdesk.token';
const PKCE = 'commentdesk.pkce';

function b64url(bytes) {
  let s = '';
  bytes.forEach((b) => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  } catch (e) {
    return null;
  }
}

function redirectUri() {
  return location.origin + location.pathname;
}

/** The signed-in moderator, or null: {token, name, roles, expiresAt}. */
export function current() {
  const token = sessionStorage.getItem(TOKEN);
  const c = token && claims(token);
  if (!c || (c.exp && c.exp * 1000 < Date.now() + 30000)) {
    sessionStorage.removeItem(TOKEN);
    return null;
  }
  return { token, name: c.preferred_username || c.sub, roles: c.groups || [], expiresAt: c.exp ? c.exp * 1000 : null };
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
}

async function discovery(issuer) {
  const response = await fetch(issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) {
    throw new Error('The identity provider did not answer (' + response.status + ').');
  }
  return response.json();
}

/** Off to the provider's sign-in page; the browser comes back to this page with a code. */
export async function startProviderSignIn(oidc) {
  const meta = await discovery(oidc.issuer);
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, tokenEndpoint: meta.token_endpoint }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: oidc.clientId, redirect_uri: redirectUri(), scope: oidc.scope,
    state, code_challenge: b64url(new Uint8Array(digest)), code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Back from the provider: trades the code for a token. Returns false when this page load is no such return. */
export async function finishProviderSignIn(oidc) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) {
    return false;
  }
  const pending = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', redirectUri());
  if (params.has('error')) {
    throw new Error('Sign-in refused: ' + params.get('error'));
  }
  if (!pending || pending.state !== params.get('state')) {
    throw new Error('This sign-in was not started here; try again.');
  }
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: oidc.clientId, code_verifier: pending.verifier,
    }).toString(),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) {
    throw new Error('The identity provider refused the sign-in (' + (answer.error || response.status) + ').');
  }
  sessionStorage.setItem(TOKEN, answer.access_token);
  return true;
}

/** The embedded profile's one-click sign-in: the service signs a token with its public development key. */
export async function developmentSignIn(name, role) {
  const response = await fetch('/moderate/dev-sign-in', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, role }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(answer.detail || answer.title || 'Sign-in failed (' + response.status + ').');
  }
  sessionStorage.setItem(TOKEN, answer.token);
}
