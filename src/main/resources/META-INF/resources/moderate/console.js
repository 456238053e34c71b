// The moderators' console: a keyboard-first page on the review API. Every text from a comment goes into
// the page as text (textContent), never as markup. The pending queue is worked through claims, so two
// moderators, on any replicas, never get the same comment; decisions carry the version they were made
// on (If-Match), so nothing is silently overwritten.
import { Api, explain } from './api.js';
import * as auth from './auth.js';
import { listen } from './live.js';

const QUEUES = ['PENDING', 'HELD', 'SPAM', 'APPROVED', 'REJECTED'];
const TITLES = { PENDING: 'Pending', HELD: 'Held by a rule', SPAM: 'Spam', APPROVED: 'Approved', REJECTED: 'Rejected' };
const DONE = { APPROVE: 'Approved', REJECT: 'Rejected', SPAM: 'Marked as spam', RESTORE: 'Back to pending' };
const CLAIM = 10;
const M = '/api/v1/moderation';

const $ = (id) => document.getElementById(id);
const state = {
  me: null, api: null, queue: 'PENDING', items: [], index: 0, selected: new Set(), last: null, article: '',
  editing: null, history: new Map(), stream: null, loading: null,
  // Comments decided here a moment ago: a load answered before the decision committed must not bring them back.
  gone: new Map(),
};

function say(text, problem = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('problem', problem);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : v);
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

function age(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) return seconds + ' s ago';
  if (seconds < 3600) return Math.round(seconds / 60) + ' min ago';
  if (seconds < 86400) return Math.round(seconds / 3600) + ' h ago';
  return Math.round(seconds / 86400) + ' d ago';
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return 'no pending comment';
  if (seconds < 60) return 'oldest pending: ' + seconds + ' s';
  if (seconds < 3600) return 'oldest pending: ' + Math.round(seconds / 60) + ' min';
  return 'oldest pending: ' + Math.round(seconds / 3600) + ' h';
}

/** The text with what the rules flagged marked: their terms, and links when there were too many. */
function highlighted(text, reasons) {
  const terms = [];
  (reasons || []).forEach((r) => {
    const m = /^(?:hold|disallowed): (.+)$/.exec(r);
    if (m) terms.push(m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (r === 'links') terms.push('(?:https?://|www\\.)\\S+');
  });
  const node = el('p', { class: 'text' });
  if (!terms.length) {
    node.textContent = text;
    return node;
  }
  const pattern = new RegExp('(' + terms.join('|') + ')', 'gi');
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    node.append(text.slice(at, match.index), el('mark', { text: match[0] }));
    at = match.index + match[0].length;
  }
  node.append(text.slice(at));
  return node;
}

// ─── Loading ────────────────────────────────────────────────────────────────────────────────

async function load(keep = true) {
  const article = state.article ? '&articleId=' + encodeURIComponent(state.article) : '';
  let answer;
  if (state.queue === 'PENDING') {
    const body = { limit: CLAIM };
    if (state.article) body.articleId = state.article;
    answer = await state.api.post(M + '/claims', body);
    if (answer.json) answer.json.items = answer.json.items || [];
  } else {
    answer = await state.api.get(M + '/comments?status=' + state.queue + '&limit=50' + article);
  }
  if (answer.problem) {
    say('Could not load the queue: ' + explain(answer.problem), true);
    return;
  }
  // The current comment as of now, not as of the request: the moderator may have moved meanwhile.
  const wanted = keep && state.items[state.index] ? state.items[state.index].id : null;
  const now = Date.now();
  state.gone.forEach((at, id) => { if (now - at > 10000) state.gone.delete(id); });
  state.items = answer.json.items.filter((i) => !state.gone.has(i.id));
  const found = state.items.findIndex((i) => i.id === wanted);
  state.index = found >= 0 ? found : Math.min(state.index, Math.max(0, state.items.length - 1));
  [...state.selected].forEach((id) => { if (!state.items.some((i) => i.id === id)) state.selected.delete(id); });
  if (!state.editing) render();
}

/**
 * One reload at a time, one more at most if asked meanwhile, and none within a second of the last: on a
 * busy site live events come in bursts, and every open console would otherwise ask as often.
 */
function reload() {
  if (state.loading) {
    state.loading.again = true;
    return;
  }
  const wait = 1000 - (Date.now() - (state.reloadedAt || 0));
  state.loading = { again: false };
  setTimeout(() => {
    state.reloadedAt = Date.now();
    Promise.all([load(), counts()]).finally(() => {
      const again = state.loading.again;
      state.loading = null;
      if (again) reload();
    });
  }, Math.max(0, wait));
}

async function counts() {
  const answer = await state.api.get(M + '/stats' + (state.article ? '?articleId=' + encodeURIComponent(state.article) : ''));
  if (!answer.json) return;
  const c = answer.json.counts || {};
  const scoped = state.article && (answer.json.articles || []).find((a) => a.articleId === state.article);
  const n = scoped ? scoped.counts : c;
  QUEUES.forEach((q) => {
    const value = q === 'HELD' ? answer.json.held : n[q];
    document.querySelector('[data-count="' + q + '"]').textContent = value === undefined || value === null ? '–' : value;
  });
  $('oldest').textContent = duration(answer.json.oldestPendingAgeSeconds);
}

// ─── Rendering ──────────────────────────────────────────────────────────────────────────────

function render() {
  const list = $('queue');
  list.replaceChildren();
  $('queue-title').textContent = TITLES[state.queue] + (state.article ? ' — ' + state.article : '');
  document.querySelectorAll('#queues button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.queue === state.queue)));
  $('queue-empty').hidden = state.items.length > 0;
  state.items.forEach((item, i) => {
    const current = i === state.index;
    const node = el('li', {
      class: 'item' + (state.selected.has(item.id) ? ' selected' : ''), 'data-id': item.id, tabindex: '-1',
      'aria-current': current ? 'true' : null, 'aria-label': 'Comment by ' + item.authorName,
    },
    el('header', {},
      el('span', { class: 'author', text: item.authorName }),
      el('span', { text: item.authorEmailMasked || 'address erased' }),
      el('time', { datetime: item.createdAt, text: age(item.createdAt) }),
      el('span', { text: item.articleTitle || item.articleId }),
      state.selected.has(item.id) ? el('span', { text: 'selected' }) : '',
      item.claimedBy && item.claimedBy !== state.me.name ? el('span', { text: 'held by ' + item.claimedBy }) : ''),
    state.editing === item.id ? editor(item) : highlighted(item.content, item.reasons),
    item.reasons && item.reasons.length ? el('ul', { class: 'reasons', 'aria-label': 'Why a rule flagged it' },
      item.reasons.map((r) => el('li', { text: r }))) : '');
    node.addEventListener('click', () => { state.index = i; render(); });
    list.append(node);
  });
  const current = list.querySelector('[aria-current="true"]');
  // Focus follows the current comment, unless the moderator is busy elsewhere (typing a filter, a button).
  const active = document.activeElement;
  const free = !active || active === document.body || list.contains(active) || active === list;
  if (current && !state.editing && free) {
    current.focus({ preventScroll: false });
    current.scrollIntoView({ block: 'nearest' });
  }
  context(state.items[state.index]);
}

function editor(item) {
  const form = el('form', { class: 'edit' });
  const label = el('label', { for: 'edit-text', class: 'visually-hidden', text: 'Comment text' });
  const area = el('textarea', { id: 'edit-text', maxlength: '65525' });
  area.value = item.content;
  form.append(label, area, el('button', { type: 'submit', text: 'Save' }), ' ', el('button', { type: 'button', class: 'cancel', text: 'Cancel' }));
  form.addEventListener('submit', (e) => { e.preventDefault(); saveEdit(item, area.value); });
  form.querySelector('.cancel').addEventListener('click', () => { state.editing = null; render(); });
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); saveEdit(item, area.value); }
    if (e.key === 'Escape') { e.preventDefault(); state.editing = null; render(); }
  });
  setTimeout(() => area.focus(), 0);
  return form;
}

async function context(item) {
  const body = $('context-body');
  if (!item) {
    body.replaceChildren(el('p', { class: 'empty', text: 'No comment selected.' }));
    return;
  }
  const article = item.articleUrl ? el('a', { href: item.articleUrl, rel: 'noopener noreferrer', target: '_blank', text: item.articleTitle || item.articleId })
    : el('span', { text: item.articleTitle || item.articleId });
  const facts = el('dl', {},
    el('dt', { text: 'Article' }), el('dd', {}, article),
    el('dt', { text: 'Website' }), el('dd', { text: item.authorUrl || '—' }),
    el('dt', { text: 'Status' }), el('dd', { class: 's-' + item.status, text: item.status }));
  const parts = [facts];
  if (item.parent) {
    parts.push(el('h3', { text: 'In reply to ' + item.parent.authorName }), el('blockquote', { text: item.parent.excerpt }));
  }
  const history = el('section', { 'aria-label': 'The author\'s history' }, el('h3', { text: 'Author' }), el('p', { class: 'empty', text: 'Loading…' }));
  const reveal = el('button', { type: 'button', id: 'reveal', text: 'Show email, IP and user agent (recorded in the audit)' });
  const revealed = el('dl', { id: 'revealed' });
  reveal.addEventListener('click', async () => {
    const answer = await state.api.get(M + '/comments/' + item.id);
    if (answer.problem) { say(explain(answer.problem), true); return; }
    revealed.replaceChildren(
      el('dt', { text: 'Email' }), el('dd', { text: answer.json.authorEmail || '—' }),
      el('dt', { text: 'IP address' }), el('dd', { text: answer.json.ipAddress || '—' }),
      el('dt', { text: 'User agent' }), el('dd', { text: answer.json.userAgent || '—' }));
    reveal.hidden = true;
  });
  parts.push(history, reveal, revealed);
  body.replaceChildren(...parts);
  let known = state.history.get(item.id);
  if (!known) {
    const answer = await state.api.get(M + '/comments/' + item.id + '/author');
    if (!answer.json) { history.lastChild.textContent = 'History not available.'; return; }
    known = answer.json;
    state.history.set(item.id, known);
  }
  if (state.items[state.index] !== item) return;
  if (!known.known) {
    history.lastChild.textContent = 'The address was erased: no history.';
    return;
  }
  const c = known.counts;
  history.lastChild.replaceWith(
    el('p', { text: c.APPROVED + ' approved, ' + c.REJECTED + ' rejected, ' + c.SPAM + ' spam, ' + c.PENDING + ' pending' }),
    el('ul', { class: 'history' }, known.recent.map((r) => el('li', {},
      el('span', { class: 's-' + r.status, text: r.status }), ' ', el('time', { datetime: r.createdAt, text: age(r.createdAt) }), ': ', r.excerpt))));
}

// ─── Acting ─────────────────────────────────────────────────────────────────────────────────

function conflict(answer, what) {
  if (answer.status === 409 || answer.status === 412) {
    say(what + ': this comment changed since it was loaded (' + explain(answer.problem) + '). It was reloaded; nothing was overwritten.', true);
    reload();
    return true;
  }
  return false;
}

async function decide(action) {
  if (!state.items.length) return;
  const targets = state.selected.size ? state.items.filter((i) => state.selected.has(i.id)) : [state.items[state.index]];
  if (targets.length > 1) {
    const answer = await state.api.post(M + '/decisions', { decisions: targets.map((t) => ({ id: t.id, version: t.version, action })) });
    if (answer.problem) { say(explain(answer.problem), true); return; }
    const applied = answer.json.results.filter((r) => r.outcome === 'APPLIED');
    applied.forEach((r) => state.gone.set(r.id, Date.now()));
    const refused = answer.json.results.filter((r) => r.outcome !== 'APPLIED');
    state.selected.clear();
    state.last = null;
    say(DONE[action] + ': ' + applied.length + ' comments' + (refused.length ? '; ' + refused.length + ' not changed: ' + refused.map((r) => r.detail).join('; ') : '') + '.', refused.length > 0);
    reload();
    return;
  }
  const item = targets[0];
  const answer = await state.api.post(M + '/comments/' + item.id + '/decision', { action }, item.version);
  if (conflict(answer, DONE[action])) return;
  if (answer.problem) { say(explain(answer.problem), true); return; }
  state.last = { id: item.id, version: answer.json.version, action };
  state.selected.delete(item.id);
  state.gone.set(item.id, Date.now());
  // By id: a load may have replaced the list while the decision was on its way.
  const at = state.items.findIndex((i) => i.id === item.id);
  if (at >= 0) state.items.splice(at, 1);
  state.index = Math.max(0, Math.min(at >= 0 ? at : state.index, state.items.length - 1));
  say(DONE[action] + ': comment by ' + item.authorName + '. Press u to undo.');
  render();
  counts();
  if (state.queue === 'PENDING' && state.items.length < CLAIM / 2) load();
}

async function undo() {
  const last = state.last;
  if (!last) { say('Nothing to undo.'); return; }
  const answer = await state.api.post(M + '/comments/' + last.id + '/decision', { action: 'RESTORE', reason: 'undone' }, last.version);
  state.last = null;
  state.gone.delete(last.id);
  if (conflict(answer, 'Undo')) return;
  if (answer.problem) { say(explain(answer.problem), true); return; }
  say('Undone: the comment is pending again.');
  reload();
}

async function saveEdit(item, text) {
  const answer = await state.api.patch(M + '/comments/' + item.id, { content: text }, item.version);
  state.editing = null;
  if (conflict(answer, 'Edit')) return;
  if (answer.problem) { say(explain(answer.problem), true); render(); return; }
  Object.assign(item, answer.json);
  say('Saved the edit.');
  render();
}

function switchQueue(queue) {
  if (queue === state.queue) return;
  const leaving = state.queue;
  state.queue = queue;
  state.items = [];
  state.index = 0;
  state.selected.clear();
  if (leaving === 'PENDING') state.api.call('DELETE', M + '/claims');
  render();
  load(false);
}

function onKey(e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const tag = e.target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || $('help').open || state.editing) return;
  const item = state.items[state.index];
  const keys = {
    j: () => { if (state.index < state.items.length - 1) { state.index++; render(); } },
    k: () => { if (state.index > 0) { state.index--; render(); } },
    a: () => decide('APPROVE'),
    r: () => decide('REJECT'),
    s: () => decide('SPAM'),
    e: () => { if (item) { state.editing = item.id; render(); } },
    u: () => undo(),
    x: () => { if (item) { state.selected.has(item.id) ? state.selected.delete(item.id) : state.selected.add(item.id); render(); say(state.selected.size + ' selected: a, r or s decides them all.'); } },
    '?': () => $('help').showModal(),
  };
  QUEUES.forEach((q, i) => { keys[String(i + 1)] = () => switchQueue(q); });
  if (keys[e.key]) {
    e.preventDefault();
    keys[e.key]();
  }
}

function onLive(name, data) {
  if (name === 'resync') { reload(); return; }
  if (name !== 'comments') return;
  const mine = data.actor === state.me.name;
  const shown = (data.ids || []).some((id) => state.items.some((i) => i.id === id));
  if (data.kind === 'new') {
    say((data.ids || []).length + ' new comment(s) arrived.');
    reload();
  } else if (!mine && shown && data.kind !== 'claimed' && data.kind !== 'released') {
    say((data.actor || 'Someone') + ' changed a comment in this list; it was reloaded.');
    reload();
  } else if (data.kind === 'decided' || data.kind === 'edited') {
    counts();
  }
}

// ─── Start ──────────────────────────────────────────────────────────────────────────────────

function signedOut() {
  auth.signOut();
  location.reload();
}

async function start(me) {
  state.me = me;
  state.api = new Api(me.token, signedOut);
  $('sign-in').hidden = true;
  $('work').hidden = false;
  $('queues').hidden = false;
  $('who').hidden = false;
  $('user').textContent = 'Signed in as ' + me.name;
  document.querySelectorAll('#queues button').forEach((b) => b.addEventListener('click', () => switchQueue(b.dataset.queue)));
  $('sign-out').addEventListener('click', async () => { await state.api.call('DELETE', M + '/claims'); signedOut(); });
  let typing;
  $('article-filter').addEventListener('input', (e) => {
    clearTimeout(typing);
    typing = setTimeout(async () => {
      if (state.queue === 'PENDING') await state.api.call('DELETE', M + '/claims');
      state.article = e.target.value.trim();
      load(false);
      counts();
    }, 400);
  });
  document.addEventListener('keydown', onKey);
  // Claims last a few minutes: renewed while the page is open, released when it closes.
  setInterval(() => { if (state.queue === 'PENDING') load(); counts(); }, 60000);
  window.addEventListener('pagehide', () => { state.api.call('DELETE', M + '/claims', { keepalive: true }); });
  state.stream = new AbortController();
  listen(me.token, onLive, state.stream.signal);
  render();
  await Promise.all([load(false), counts()]);
  if (!state.items.length) say('Signed in. Nothing waits in this queue.');
}

async function boot() {
  const config = await fetch('/moderate/config').then((r) => r.json()).catch(() => ({}));
  try {
    if (config.oidc && await auth.finishProviderSignIn(config.oidc)) {
      // back from the provider, token stored
    }
  } catch (e) {
    $('sign-in-error').textContent = e.message;
    $('sign-in-error').hidden = false;
  }
  const me = auth.current();
  if (me) {
    start(me);
    return;
  }
  $('sign-in').hidden = false;
  if (config.oidc) {
    $('sign-in-oidc').hidden = false;
    $('sign-in-oidc').addEventListener('click', () => auth.startProviderSignIn(config.oidc).catch((e) => {
      $('sign-in-error').textContent = e.message;
      $('sign-in-error').hidden = false;
    }));
  }
  if (config.devSignIn) {
    $('dev-sign-in').hidden = false;
    $('dev-sign-in').addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await auth.developmentSignIn($('dev-name').value.trim(), $('dev-role').value);
        start(auth.current());
      } catch (err) {
        $('sign-in-error').textContent = err.message;
        $('sign-in-error').hidden = false;
      }
    });
  }
  if (!config.oidc && !config.devSignIn) {
    $('sign-in-error').textContent = 'No sign-in is configured (COMMENTS_CONSOLE_OIDC_ISSUER).';
    $('sign-in-error').hidden = false;
  }
}

boot();
