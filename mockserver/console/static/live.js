// Live requests: the journal streamed as it happens, filtered, with the
// request and response of the one chosen.
import { stream } from './api.js';
import { h, clear, $, time } from './dom.js';
import { jsonView, validationErrors } from './json.js';

const KEEP = 500; // entries kept in the page

const entries = []; // newest first
let chosen = null;
let filters = { vendor: '', status: '', tenant: '' };

export function startLive(onState) {
  const form = $('#live-filters');
  form.addEventListener('input', () => {
    const f = new FormData(form);
    filters = { vendor: f.get('vendor'), status: String(f.get('status') || '').trim(), tenant: f.get('tenant') };
    render();
  });
  form.addEventListener('submit', (ev) => ev.preventDefault());
  $('#live-clear').addEventListener('click', () => { entries.length = 0; chosen = null; render(); showDetail(null); });
  stream((type, data) => {
    if (type !== 'request') return;
    entries.unshift(data);
    if (entries.length > KEEP) entries.length = KEEP;
    addTenant(data.tenant);
    soon();
  }, onState);
}

// soon redraws the list once for a burst of entries (the backlog arrives
// as 200 events at once).
let pending = false;
function soon() {
  if (pending) return;
  pending = true;
  setTimeout(() => { pending = false; render(); }, 30);
}

function addTenant(t) {
  if (!t) return;
  const sel = $('#live-filters select[name=tenant]');
  if ([...sel.options].some((o) => o.value === t)) return;
  sel.append(h('option', { value: t }, t));
}

function matches(e) {
  if (filters.vendor && e.vendor !== filters.vendor) return false;
  if (filters.tenant && e.tenant !== filters.tenant) return false;
  const s = filters.status.toLowerCase();
  if (s) {
    const code = String(e.status);
    if (/^[1-5]xx$/.test(s)) return code[0] === s[0];
    return code.startsWith(s);
  }
  return true;
}

function tone(status) {
  return status >= 500 ? 'st5' : status >= 400 ? 'st4' : 'st2';
}

function render() {
  const shown = entries.filter(matches);
  $('#live-count').textContent = `${shown.length} of ${entries.length} shown`;
  clear($('#live-rows'), shown.slice(0, 200).map((e) => {
    const open = () => { chosen = e.request_id; showDetail(e); render(); };
    return h('tr', { class: chosen === e.request_id ? 'sel' : null, 'data-id': e.request_id },
      h('td', {}, time(e.time).slice(11)),
      h('td', {}, e.vendor),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: open,
        'aria-label': `${e.method} ${e.path}, status ${e.status}: show detail` }, e.method + ' ', h('bdi', {}, e.path))),
      h('td', {}, h('span', { class: 'status ' + tone(e.status) }, String(e.status || 'dropped'))),
      h('td', { class: 'num' }, (e.duration_ms ?? 0).toFixed(1)),
      h('td', {}, e.tenant || ''));
  }));
}

function headerTable(hdrs) {
  const keys = Object.keys(hdrs || {}).sort();
  if (!keys.length) return h('p', { class: 'hint' }, 'none');
  return h('table', { class: 'kv' }, h('tbody', {}, keys.map((k) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, h('bdi', {}, hdrs[k]))))));
}

function showDetail(e) {
  const box = $('#live-detail');
  if (!e) { clear(box, h('p', { class: 'hint' }, 'Choose a request to see it with its response.')); return; }
  const q = e.query ? '?' + new URLSearchParams(Object.entries(e.query).flatMap(([k, vs]) => vs.map((v) => [k, v]))).toString() : '';
  const r = e.response;
  const failed = e.status >= 400;
  const verrs = r && r.body ? validationErrors(r.body) : [];
  clear(box,
    h('h3', {}, e.method + ' ', h('bdi', {}, e.path + q)),
    h('p', { class: 'meta' }, `${time(e.time)} · ${e.vendor}`, e.operation_id ? ` · ${e.operation_id}` : '', ` · ${e.request_id}`,
      e.scenario ? ` · scenario ${e.scenario}` : ''),
    h('h4', {}, 'Request headers'), headerTable(e.headers),
    h('h4', {}, 'Request body'), e.body !== undefined ? jsonView(e.body) : h('p', { class: 'hint' }, 'none'),
    h('h4', {}, 'Response ', h('span', { class: 'status ' + tone(e.status) }, String(e.status || 'dropped'))),
    verrs.length ? h('div', { class: 'verrs', role: 'note' }, h('strong', {}, 'Validation errors'),
      h('ul', {}, verrs.map(([f, m]) => h('li', {}, f ? h('code', {}, f) : '', f ? ': ' : '', h('bdi', {}, m))))) : null,
    r ? [h('h4', {}, 'Response headers'), headerTable(r.headers), h('h4', {}, 'Response body'),
      r.truncated ? h('p', { class: 'hint' }, 'The body was larger than 64 KB and is not kept.')
        : r.body !== undefined ? jsonView(r.body, { errors: failed }) : h('p', { class: 'hint' }, 'empty')]
      : h('p', { class: 'hint' }, 'The response was not kept: it was answered while no console was open.'));
}
