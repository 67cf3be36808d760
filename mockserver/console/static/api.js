// The admin API client: every call sends the admin token (kept in this
// tab's sessionStorage) as a header, never in a URL.

const TOKEN_KEY = 'linkedin-mock.admin-token';

let asking = null; // the pending token prompt, shared by concurrent calls

function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  if (token()) h.Authorization = 'Bearer ' + token();
  return h;
}

// askToken opens the token dialog once and resolves when a token is entered.
function askToken(failed) {
  if (asking) return asking;
  const dlg = document.getElementById('token-dialog');
  const input = document.getElementById('token-input');
  document.getElementById('token-error').textContent = failed ? 'That token was refused. Try again.' : '';
  asking = new Promise((resolve) => {
    const form = document.getElementById('token-form');
    const done = (ev) => {
      ev.preventDefault();
      if (!input.value) return;
      sessionStorage.setItem(TOKEN_KEY, input.value);
      input.value = '';
      form.removeEventListener('submit', done);
      dlg.close();
      asking = null;
      resolve();
    };
    form.addEventListener('submit', done);
    dlg.addEventListener('cancel', (ev) => ev.preventDefault()); // the console needs the token
    dlg.showModal();
    input.focus();
  });
  return asking;
}

// call sends one admin request and returns {status, body}; a 401 asks for
// the token and tries again.
export async function call(method, path, body) {
  for (let attempt = 0; ; attempt++) {
    const init = { method, headers: headers(body ? { 'Content-Type': 'application/json' } : {}) };
    if (body) init.body = JSON.stringify(body);
    const res = await fetch(path, init);
    if (res.status === 401 && attempt < 5) {
      await askToken(attempt > 0 || token() !== '');
      continue;
    }
    let data = null;
    const text = await res.text();
    try { data = text ? JSON.parse(text) : null; } catch { data = { raw: text }; }
    return { status: res.status, body: data };
  }
}

export async function get(path) {
  const r = await call('GET', path);
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body && r.body.message || ''}`);
  return r.body;
}

// stream reads GET /__admin/requests/stream with fetch (EventSource cannot
// send headers) and calls onEvent(type, data) for each event. It reconnects
// by itself, resuming after the last event seen, and reports its state
// ('live', 'reconnecting') to onState. stop() ends it.
export function stream(onEvent, onState) {
  let lastID = '';
  let stopped = false;
  let ctrl = null;
  (async () => {
    let wait = 500;
    while (!stopped) {
      ctrl = new AbortController();
      try {
        const h = headers({ Accept: 'text/event-stream' });
        if (lastID) h['Last-Event-ID'] = lastID;
        const res = await fetch('/__admin/requests/stream', { headers: h, signal: ctrl.signal, cache: 'no-store' });
        if (res.status === 401) { await askToken(token() !== ''); continue; }
        if (!res.ok || !res.body) throw new Error('stream: ' + res.status);
        onState('live');
        wait = 500;
        await readEvents(res.body, (type, id, data) => {
          if (id) lastID = id;
          onEvent(type, data);
        });
      } catch (err) {
        if (stopped) return;
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 8000);
    }
  })();
  return { stop() { stopped = true; if (ctrl) ctrl.abort(); } };
}

// readEvents parses a text/event-stream body.
async function readEvents(body, emit) {
  const reader = body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  let type = 'message', id = '', data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += dec.decode(value, { stream: true });
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).replace(/\r$/, '');
      buf = buf.slice(nl + 1);
      if (line === '') {
        if (data.length) {
          let parsed = null;
          try { parsed = JSON.parse(data.join('\n')); } catch { parsed = null; }
          if (parsed !== null) emit(type, id, parsed);
        }
        type = 'message'; id = ''; data = [];
      } else if (line.startsWith(':')) {
        continue;
      } else {
        const i = line.indexOf(':');
        const field = i < 0 ? line : line.slice(0, i);
        const val = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
        if (field === 'event') type = val;
        else if (field === 'id') id = val;
        else if (field === 'data') data.push(val);
      }
    }
  }
}
