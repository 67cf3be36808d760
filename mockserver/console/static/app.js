// The console: a hash router over the views, the clock bar, and the views
// that are a single admin call each (status, scenarios, coverage, webhooks).
import { call, get } from './api.js';
import { h, clear, $, time } from './dom.js';
import { jsonView } from './json.js';
import { startLive } from './live.js';
import { renderWorld, loadWorlds } from './world.js';

const views = {
  status: renderStatus,
  scenarios: renderScenarios,
  live: async () => {},
  world: renderWorld,
  coverage: renderCoverage,
  webhooks: renderWebhooks,
};
// Views that follow the clock and the traffic are redrawn every few seconds.
const polled = new Set(['status', 'world', 'coverage']);

function viewName() {
  const v = location.hash.slice(1);
  return views[v] ? v : 'status';
}

async function show() {
  const name = viewName();
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + name;
  for (const a of document.querySelectorAll('.tabs a')) {
    if (a.getAttribute('href') === '#' + name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  await refresh();
}

let busy = false;
async function refresh() {
  if (busy) return;
  busy = true;
  try {
    await Promise.all([renderClock(), views[viewName()]()]);
  } catch (err) {
    report(err);
  } finally {
    busy = false;
  }
}

function report(err) {
  const el = $('#conn');
  el.textContent = String(err.message || err);
  el.className = 'badge bad';
}

async function renderClock(c) {
  c = c || await get('/__admin/clock');
  $('#clock-now').textContent = time(c.now) + ' UTC';
  const mode = $('#clock-mode');
  mode.textContent = c.frozen ? 'frozen' : 'ticking';
  mode.title = `started ${time(c.start)}, advanced by ${c.advanced_by}`;
}

async function advance(duration) {
  const r = await call('POST', '/__admin/clock/advance', { duration });
  if (r.status !== 200) { report(new Error(r.body && r.body.message || 'advance failed')); return; }
  await renderClock(r.body);
  await views[viewName()]();
}

async function renderStatus() {
  const s = await get('/__admin/status');
  const rows = [
    ['Seed', s.seed], ['Scenario', `${s.scenario} — ${s.description}`], ['Keys with their own scenario', s.keys_with_own_scenario],
    ['Clock', `${time(s.clock.now)} UTC, ${s.clock.frozen ? 'frozen (moves only when advanced)' : 'ticking with real time'}; advanced by ${s.clock.advanced_by}`],
    ['Tenants held', `${s.tenants_held} of ${s.max_tenants} (${s.tenants_evicted} evicted)`],
    ['Requests per second', `${s.requests_per_second.toFixed(1)} (last 10 s; ${s.requests_total} in all)`],
    ['Consoles watching', s.consoles_watching],
  ];
  clear($('#status-list'), rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, h('bdi', {}, String(v)))]));
}

let scenarioNames = [];
async function renderScenarios() {
  const { current, scenarios } = await get('/__admin/scenarios');
  const names = scenarios.map((s) => s.name);
  if (names.join() !== scenarioNames.join()) {
    scenarioNames = names;
    for (const sel of [$('#key-scenario'), $('#server-scenario')]) {
      clear(sel, names.map((n) => h('option', { value: n }, n)));
    }
  }
  $('#server-scenario').value = current;
  clear($('#scenario-rows'), scenarios.map((s) => h('tr', { class: s.name === current ? 'sel' : null },
    h('th', { scope: 'row' }, s.name, s.name === current ? h('span', { class: 'badge' }, 'server') : ''), h('td', {}, s.description))));
  await loadWorlds();
}

async function switchKey(ev) {
  ev.preventDefault();
  const id = $('#key-world').value, key = $('#key-raw').value;
  const body = { scenario: $('#key-scenario').value, in_place: $('#key-inplace').checked };
  if (key) body.api_key = key; else body.id = id;
  const out = $('#key-result');
  if (!id && !key) { out.textContent = 'Choose a world or type an API key.'; return; }
  const r = await call('PUT', '/__admin/worlds/scenario', body);
  out.textContent = r.status === 200
    ? `Key ${r.body.key} now uses ${r.body.scenario}${r.body.in_place ? `, in place (${r.body.worlds_kept} world(s) kept)` : ', with new worlds'}.`
    : `Refused: ${r.body && r.body.message}`;
  $('#key-raw').value = '';
  await refresh();
}

async function switchServer(ev) {
  ev.preventDefault();
  const r = await call('PUT', '/__admin/scenario', { scenario: $('#server-scenario').value, in_place: $('#server-inplace').checked });
  $('#server-result').textContent = r.status === 200 ? `The server now uses ${r.body.scenario}.` : `Refused: ${r.body && r.body.message}`;
  await refresh();
}

async function renderCoverage() {
  const rep = await get('/__admin/coverage');
  $('#coverage-summary').textContent = rep.summary;
  const statuses = [...new Set(rep.per_operation.flatMap((o) => [...o.documented_statuses, ...(o.undocumented_answered || [])]))].sort();
  clear($('#coverage-table'),
    h('caption', { class: 'sr' }, 'Operations by documented status; a number counts the answers given'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Operation'), statuses.map((s) => h('th', { scope: 'col', class: 'num' }, String(s))))),
    h('tbody', {}, rep.per_operation.map((o) => h('tr', {},
      h('th', { scope: 'row' }, h('span', { class: 'hint' }, o.vendor + ' '), o.operation_id, h('br'), h('small', {}, `${o.method} ${o.path}`)),
      statuses.map((s) => {
        const n = o.answered_statuses[String(s)] || 0;
        const doc = o.documented_statuses.includes(s);
        const cls = doc ? (n ? 'hit' : 'miss') : (n ? 'undoc' : 'na');
        const label = doc ? (n ? `${s}: answered ${n} times` : `${s}: documented, never answered`) : (n ? `${s}: answered ${n} times, not documented` : `${s}: not documented`);
        return h('td', { class: 'cell ' + cls, title: label, 'aria-label': label }, doc || n ? (n ? String(n) : '·') : '');
      })))));
}

// renderWebhooks lists the deliveries of GET /__admin/webhooks/deliveries
// (the webhooks feature's endpoint); a server without it gets a note.
let webhookFilter = '';
async function renderWebhooks() {
  const box = $('#webhooks-body');
  const q = webhookFilter ? '?status=' + encodeURIComponent(webhookFilter) : '';
  const r = await call('GET', '/__admin/webhooks/deliveries' + q);
  if (r.status === 404) {
    clear(box, h('p', { class: 'hint', id: 'webhooks-none' }, 'This server has no webhook deliveries endpoint (GET /__admin/webhooks/deliveries), so there is nothing to show.'));
    return;
  }
  if (r.status !== 200) throw new Error('webhook deliveries: ' + r.status);
  const list = r.body.deliveries || [];
  const filter = h('label', {}, 'Status ', h('select', { onchange: (ev) => { webhookFilter = ev.target.value; renderWebhooks().catch(report); } },
    ['', 'pending', 'delivered', 'failed'].map((v) => h('option', { value: v, selected: v === webhookFilter }, v || 'all'))));
  const detail = h('div', { class: 'detail', 'aria-label': 'Delivery detail' }, h('p', { class: 'hint' }, 'Choose a delivery to see its attempts and payload.'));
  const outcome = (a) => a.status_code ? String(a.status_code) : (a.error || '');
  const show = (d) => clear(detail,
    h('h3', {}, `${d.event} · ${d.status}`), h('p', { class: 'meta' }, `${d.delivery_id} · webhook ${d.webhook_id} · ${d.tenant || ''}`),
    h('h4', {}, 'Attempts'), h('table', { class: 'kv' }, h('tbody', {}, (d.attempts || []).map((a) =>
      h('tr', {}, h('th', { scope: 'row' }, `#${a.attempt} ${time(a.at)}`), h('td', {}, outcome(a), a.duration_ms !== undefined ? ` · ${a.duration_ms} ms` : ''))))),
    d.next_attempt_at ? h('p', {}, 'Next attempt ' + time(d.next_attempt_at)) : null,
    h('h4', {}, 'Payload'), jsonView(d.payload));
  clear(box, h('div', { class: 'row' }, filter, h('span', { class: 'hint' }, `${r.body.count} deliveries`)),
    list.length ? h('div', { class: 'split' },
      h('div', { class: 'scroll' }, h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, ['Event at', 'Event', 'Key', 'Attempts', 'Outcome'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, list.map((d) => {
          const last = (d.attempts || [])[d.attempts.length - 1];
          return h('tr', {},
            h('td', {}, time(d.event_at)),
            h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => show(d) }, d.event, d.test ? ' (test)' : '')),
            h('td', {}, d.tenant || ''),
            h('td', { class: 'num' }, String((d.attempts || []).length)),
            h('td', {}, h('span', { class: 'status ' + (d.status === 'delivered' ? 'st2' : d.status === 'failed' ? 'st5' : 'st4') }, d.status),
              last ? ' ' + outcome(last) : ''));
        })))), detail)
      : h('p', { class: 'hint' }, 'No webhook deliveries yet.'));
}

function setConn(state) {
  const el = $('#conn');
  el.textContent = state === 'live' ? 'live' : 'reconnecting…';
  el.className = 'badge ' + (state === 'live' ? 'good' : 'bad');
}

document.getElementById('clock-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const d = $('#clock-duration').value.trim();
  if (d) advance(d);
});
for (const b of document.querySelectorAll('[data-advance]')) b.addEventListener('click', () => advance(b.dataset.advance));
$('#key-form').addEventListener('submit', switchKey);
$('#server-form').addEventListener('submit', switchServer);
$('#world-select').addEventListener('change', () => renderWorld().catch(report));
$('#world-refresh').addEventListener('click', () => renderWorld().catch(report));
window.addEventListener('hashchange', show);
startLive(setConn);
show();
setInterval(() => {
  if (document.hidden) return;
  if (polled.has(viewName())) refresh();
  else renderClock().catch(report); // a ticking clock moves on every view
}, 3000);
