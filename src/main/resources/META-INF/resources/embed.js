/*! Comment Desk embed: one script tag under an article. No cookies, no eval, no third party. */
(function () {
  'use strict';
  var me = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  var base = new URL(me.src).origin;
  var KEY = 'commentdesk.own.';
  var TEXT = {
    en: {
      title: 'Comments', none: 'No comments yet.', more: 'Load more comments', reply: 'Reply', cancel: 'Cancel reply',
      leave: 'Leave a Reply', replyTo: 'Reply to {name}', name: 'Name', email: 'Email', website: 'Website', comment: 'Comment',
      note: 'Your email address will not be published. Required fields are marked *', post: 'Post Comment',
      sending: 'Sending…', awaiting: 'Your comment is awaiting moderation.', removed: 'In reply to a removed comment',
      failed: 'Your comment could not be sent. Please try again.', fix: 'Please correct the marked fields.',
      loadFailed: 'Comments could not be loaded.', count: '{n} comments', count1: '1 comment', count0: 'No comments'
    },
    de: {
      title: 'Kommentare', none: 'Noch keine Kommentare.', more: 'Weitere Kommentare laden', reply: 'Antworten',
      cancel: 'Antwort abbrechen', leave: 'Schreibe einen Kommentar', replyTo: 'Antwort an {name}', name: 'Name', email: 'E-Mail',
      website: 'Website', comment: 'Kommentar',
      note: 'Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert', post: 'Kommentar abschicken',
      sending: 'Wird gesendet…', awaiting: 'Dein Kommentar muss noch freigegeben werden.', removed: 'Antwort auf einen entfernten Kommentar',
      failed: 'Dein Kommentar konnte nicht gesendet werden. Bitte versuche es erneut.', fix: 'Bitte korrigiere die markierten Felder.',
      loadFailed: 'Die Kommentare konnten nicht geladen werden.', count: '{n} Kommentare', count1: '1 Kommentar', count0: 'Keine Kommentare'
    },
    fr: {
      title: 'Commentaires', none: 'Aucun commentaire pour l’instant.', more: 'Charger plus de commentaires', reply: 'Répondre',
      cancel: 'Annuler la réponse', leave: 'Laisser un commentaire', replyTo: 'Répondre à {name}', name: 'Nom', email: 'E-mail',
      website: 'Site web', comment: 'Commentaire',
      note: 'Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *', post: 'Laisser un commentaire',
      sending: 'Envoi…', awaiting: 'Votre commentaire est en attente de modération.', removed: 'En réponse à un commentaire supprimé',
      failed: 'Votre commentaire n’a pas pu être envoyé. Veuillez réessayer.', fix: 'Veuillez corriger les champs signalés.',
      loadFailed: 'Les commentaires n’ont pas pu être chargés.', count: '{n} commentaires', count1: '1 commentaire', count0: 'Aucun commentaire'
    }
  };
  var CSS = ':host{all:initial;display:block;font:var(--cd-font,16px/1.5 system-ui,sans-serif);color:var(--cd-text,#1a1a1a);' +
    'background:var(--cd-bg,transparent)}*{box-sizing:border-box}h2{font-size:1.25em;margin:0 0 .75em}h3{font-size:1.1em;margin:1.5em 0 .5em}' +
    'ol{list-style:none;margin:0;padding:0}.r{margin-left:1.5em;padding-left:1em;border-left:2px solid var(--cd-border,#ddd)}' +
    'article{padding:.75em 0;border-bottom:1px solid var(--cd-border,#ddd)}header{font-size:.9em;color:var(--cd-muted,#555)}' +
    '.a{font-weight:600;color:var(--cd-text,#1a1a1a)}a{color:var(--cd-accent,#0b57d0)}p{margin:.4em 0}.p{font-style:italic}' +
    '.w{background:var(--cd-pending,#fff6d6);padding:.25em .5em}label{display:block;margin-top:.75em;font-weight:600}' +
    'input,textarea{display:block;width:100%;max-width:40em;font:inherit;padding:.4em;border:1px solid var(--cd-muted,#555);' +
    'border-radius:4px;color:inherit;background:var(--cd-field,#fff)}textarea{min-height:8em}' +
    'button{font:inherit;margin-top:.75em;padding:.4em 1em;border:1px solid var(--cd-accent,#0b57d0);border-radius:4px;' +
    'background:var(--cd-accent,#0b57d0);color:var(--cd-on-accent,#fff);cursor:pointer}button.l{background:none;' +
    'color:var(--cd-accent,#0b57d0);border:0;padding:0;margin:0 0 0 .5em}[aria-invalid=true]{border-color:var(--cd-error,#b3261e)}' +
    '.e{color:var(--cd-error,#b3261e);margin:.25em 0}:focus-visible{outline:3px solid var(--cd-accent,#0b57d0);outline-offset:2px}' +
    '@media (prefers-color-scheme:dark){:host{color:var(--cd-text,#ececec)}.a{color:var(--cd-text,#ececec)}' +
    'header{color:var(--cd-muted,#bbb)}a,button.l{color:var(--cd-accent,#8ab4f8)}input,textarea{background:var(--cd-field,#1e1e1e);' +
    'border-color:var(--cd-muted,#bbb)}button{background:var(--cd-accent,#8ab4f8);border-color:var(--cd-accent,#8ab4f8);' +
    'color:var(--cd-on-accent,#10203a)}.w{background:var(--cd-pending,#4a3c00)}.e{color:var(--cd-error,#f2b8b5)}}';

  function h(tag, attrs, kids) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) continue;
      if (k === 'text') n.textContent = attrs[k]; else if (k === 'on') n.addEventListener('click', attrs[k]); else n.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { if (c) n.append(c); });
    return n;
  }

  /** The service's safe HTML, rebuilt with its own few elements only: p, br, and http(s) links. */
  function safe(html) {
    var out = document.createDocumentFragment();
    (function copy(from, to) {
      from.childNodes.forEach(function (c) {
        if (c.nodeType === 3) { to.append(c.data); return; }
        if (c.nodeType !== 1) return;
        var t = c.tagName.toLowerCase();
        if (t === 'br') { to.append(h('br')); return; }
        var href = t === 'a' ? c.getAttribute('href') || '' : '';
        var n = t === 'p' ? h('p') : /^https?:\/\//i.test(href) ? h('a', { href: href, rel: 'nofollow ugc noopener', target: '_blank' }) : null;
        if (n) { copy(c, n); to.append(n); } else copy(c, to);
      });
    })(new DOMParser().parseFromString(html, 'text/html').body, out);
    return out;
  }

  function strings(host) {
    var lang = (host.dataset.lang || document.documentElement.lang || 'en').slice(0, 2).toLowerCase();
    var s = Object.assign({}, TEXT.en, TEXT[lang] || {});
    try { Object.assign(s, JSON.parse(host.dataset.strings || '{}')); } catch (e) { /* bad overrides: defaults stay */ }
    return s;
  }

  function api(path, options) {
    return fetch(base + path, Object.assign({ credentials: 'omit', headers: { Accept: 'application/json' } }, options || {}));
  }

  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function Thread(host) {
    var s = strings(host);
    var article = host.dataset.articleId;
    var order = host.dataset.order || 'OLDEST';
    var root = host.attachShadow({ mode: 'open' });
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    var status = h('p', { role: 'status', 'aria-live': 'polite', class: 'e' });
    var list = h('ol');
    var more = h('button', { type: 'button', text: s.more, hidden: true });
    var cursor = null;
    var form = makeForm();
    var wrap = h('section', { 'aria-label': s.title }, [h('h2', { text: s.title }), list, more, status, form.node]);
    root.append(wrap);

    function comment(c, pending) {
      var author = c.authorUrl ? h('a', { class: 'a', href: c.authorUrl, rel: 'nofollow ugc noopener', target: '_blank', text: c.authorName })
        : h('span', { class: 'a', text: c.authorName });
      var body = h('div');
      if (c.contentHtml) body.append(safe(c.contentHtml)); else body.append(h('p', { text: c.content }));
      var replies = h('ol', { class: 'r' });
      var art = h('article', { id: 'comment-' + c.id, 'data-id': c.id }, [
        h('header', {}, [author, ' ', h('time', { datetime: c.createdAt, text: when(c.createdAt) })]),
        c.parentRemoved ? h('p', { class: 'p', text: s.removed }) : null,
        pending ? h('p', { class: 'w', text: s.awaiting }) : null,
        body,
        pending ? null : h('button', { type: 'button', class: 'l', text: s.reply, on: function () { form.replyTo(c, li); } })
      ]);
      var li = h('li', {}, [art, replies]);
      (c.replies || []).forEach(function (r) { replies.append(comment(r)); });
      return li;
    }

    function page(json) {
      json.items.forEach(function (c) { list.append(comment(c)); });
      cursor = json.nextCursor;
      more.hidden = !cursor;
      if (!list.children.length) status.textContent = s.none;
    }

    function load() {
      var q = '?order=' + order + '&limit=20' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      return api('/api/v1/articles/' + encodeURIComponent(article) + '/comments' + q).then(function (r) {
        if (!r.ok) throw new Error();
        return r.json();
      }).then(function (json) { status.textContent = ''; page(json); }, function () { status.textContent = s.loadFailed; });
    }

    /** The server-rendered thread already in the page: read, not fetched again. */
    function adopt(section) {
      section.querySelectorAll(':scope > ol > li.cd-comment').forEach(function (li) { list.append(comment(read(li))); });
      cursor = section.dataset.nextCursor || null;
      more.hidden = !cursor;
      if (!list.children.length) status.textContent = s.none;
    }

    function read(li) {
      var a = li.querySelector(':scope > article');
      var name = a.querySelector('.cd-author');
      return {
        id: li.dataset.id, authorName: name.textContent, authorUrl: name.getAttribute('href'),
        createdAt: a.querySelector('time').getAttribute('datetime'), contentHtml: a.querySelector('.cd-content').innerHTML,
        parentRemoved: !!a.querySelector('.cd-parent-removed'),
        replies: Array.prototype.map.call(li.querySelectorAll(':scope > ol.cd-replies > li.cd-comment'), read)
      };
    }

    /** The reader's own comments on this article in this session: {id, token} each. */
    function mine() {
      try { return JSON.parse(sessionStorage.getItem(KEY + article) || '[]'); } catch (e) { return []; }
    }

    function own() {
      var saved = mine();
      // Back from the plain form (WordPress's names): the comment just sent, awaiting moderation.
      var q = new URLSearchParams(location.search);
      if (q.get('unapproved') && q.get('moderation-hash') && !saved.some(function (o) { return String(o.id) === q.get('unapproved'); })) {
        saved.push({ id: q.get('unapproved'), token: q.get('moderation-hash') });
      }
      saved.forEach(function (o) {
        api('/api/v1/articles/' + encodeURIComponent(article) + '/comments/' + o.id + '?preview=' + encodeURIComponent(o.token))
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (c) {
            // Approved meanwhile, it may still be missing from a list the browser or a CDN cached a moment ago.
            if (c && !root.querySelector('article[data-id="' + c.id + '"]')) list.append(comment(c, c.status === 'PENDING'));
          });
      });
    }

    function makeForm() {
      var parent = null;
      var key = null;
      var errors = {};
      var node = h('form', { novalidate: true });
      var heading = h('h3', { text: s.leave });
      var cancel = h('button', { type: 'button', class: 'l', text: s.cancel, hidden: true, on: function () { replyTo(null); } });
      var fields = {};
      function field(name, label, type, required, prop) {
        var id = 'cd-' + name;
        var input = type === 'textarea' ? h('textarea', { id: id, name: name, required: required, maxlength: 65525 })
          : h('input', { id: id, name: name, type: type, required: required, autocomplete: name === 'author' ? 'name' : name });
        var err = h('p', { class: 'e', id: id + '-e', hidden: true });
        input.setAttribute('aria-describedby', id + '-e');
        fields[prop] = { input: input, error: err };
        return h('div', {}, [h('label', { for: id, text: label + (required ? ' *' : '') }), input, err]);
      }
      var button = h('button', { type: 'submit', text: s.post });
      node.append(heading, cancel, h('p', { text: s.note }), field('comment', s.comment, 'textarea', true, 'content'),
        field('author', s.name, 'text', true, 'authorName'), field('email', s.email, 'email', true, 'authorEmail'),
        field('url', s.website, 'url', false, 'authorUrl'), button);
      node.addEventListener('input', function () { key = null; });
      node.addEventListener('submit', function (e) {
        e.preventDefault();
        if (button.disabled) return; // a double click: the first press is on its way
        // One key per attempt: sent again unchanged (a retry), the same comment is answered, never stored twice.
        key = key || (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
        var body = { authorName: fields.authorName.input.value, authorEmail: fields.authorEmail.input.value,
          authorUrl: fields.authorUrl.input.value || null, content: fields.content.input.value, parentId: parent ? Number(parent.id) : null };
        button.disabled = true;
        button.textContent = s.sending;
        api('/api/v1/articles/' + encodeURIComponent(article) + '/comments', {
          method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
          body: JSON.stringify(body)
        }).then(function (r) {
          return r.json().catch(function () { return {}; }).then(function (json) { return { r: r, json: json }; });
        }).then(function (x) {
          show({});
          if (x.r.status === 202) {
            var c = x.json;
            var saved = mine();
            saved.push({ id: c.id, token: c.previewToken });
            sessionStorage.setItem(KEY + article, JSON.stringify(saved));
            (parent ? parent.li.querySelector('ol') : list).append(comment(c, true));
            status.textContent = s.awaiting;
            fields.content.input.value = '';
            key = null;
            replyTo(null);
            return;
          }
          var map = {};
          (x.json.errors || []).forEach(function (e) { map[e.field] = e.message; });
          show(map);
          status.textContent = Object.keys(map).length ? s.fix : (x.json.detail || x.json.title || s.failed);
        }, function () { status.textContent = s.failed; }).then(function () {
          button.disabled = false;
          button.textContent = s.post;
        });
      });
      function show(map) {
        errors = map;
        Object.keys(fields).forEach(function (k) {
          var f = fields[k];
          f.error.textContent = errors[k] || '';
          f.error.hidden = !errors[k];
          f.input.setAttribute('aria-invalid', errors[k] ? 'true' : 'false');
        });
        var first = Object.keys(fields).filter(function (k) { return errors[k]; })[0];
        if (first) fields[first].input.focus();
      }
      function replyTo(c, li) {
        parent = c ? { id: c.id, li: li } : null;
        heading.textContent = c ? s.replyTo.replace('{name}', c.authorName) : s.leave;
        cancel.hidden = !c;
        if (c) {
          li.firstChild.after(node);
          fields.content.input.focus();
        } else {
          wrap.append(node);
        }
      }
      return { node: node, replyTo: replyTo };
    }

    more.addEventListener('click', load);
    var section = host.querySelector('section.cd-thread');
    // The reader's own comments once the thread is there, so one approved meanwhile is not shown twice.
    (section && section.dataset.articleId === article ? Promise.resolve(adopt(section)) : load()).then(own);
  }

  function counts() {
    var els = Array.prototype.slice.call(document.querySelectorAll('[data-comment-count]'));
    var ids = els.map(function (e) { return e.dataset.commentCount; }).filter(function (v, i, a) { return v && a.indexOf(v) === i; });
    var s = strings(document.documentElement);
    for (var i = 0; i < ids.length; i += 100) {
      var chunk = ids.slice(i, i + 100);
      api('/api/v1/comment-counts?' + chunk.map(function (id) { return 'articleId=' + encodeURIComponent(id); }).join('&'))
        .then(function (r) { return r.ok ? r.json() : { counts: {} }; })
        .then(function (json) {
          els.forEach(function (e) {
            var n = json.counts[e.dataset.commentCount];
            if (n === undefined) return;
            e.textContent = (n === 0 ? s.count0 : n === 1 ? s.count1 : s.count).replace('{n}', n);
          });
        });
    }
  }

  function start() {
    document.querySelectorAll('[data-article-id]#comment-desk, [data-comment-desk][data-article-id]').forEach(function (host) {
      if (!host.shadowRoot) Thread(host);
    });
    counts();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
