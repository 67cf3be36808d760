// World of a key: SkyLight's connection, quotas and campaign funnels;
// Konnector's daily requests and accepts and campaign counts. Read from
// the admin API (no journal, coverage or rate limit).
import { get } from './api.js';
import { h, clear, $, time } from './dom.js';
import { funnel, gauge, daily, bars } from './charts.js';

let current = '';

export async function loadWorlds() {
  const { worlds } = await get('/__admin/worlds');
  for (const sel of [$('#world-select'), $('#key-world')]) {
    const keep = sel.value;
    const first = sel.id === 'key-world' ? [h('option', { value: '' }, '(type a key instead)')] : [];
    clear(sel, first, worlds.map((w) => h('option', { value: w.id },
      `${w.key} · ${w.vendors.join(' + ')} · ${w.scenario}${w.own_scenario ? ' (own)' : ''}`)));
    if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  }
  return worlds;
}

export async function renderWorld() {
  const worlds = await loadWorlds();
  const sel = $('#world-select');
  const body = $('#world-body');
  if (!worlds.length) {
    clear(body, h('p', { class: 'hint' }, 'No world yet: a world is made by the first request of an API key. Send one, e.g. ',
      h('code', {}, 'curl -H "X-Api-Key: demo" localhost:8080/api/v1/linkedin/overview')));
    $('#world-meta').textContent = '';
    return;
  }
  current = sel.value || worlds[0].id;
  sel.value = current;
  const w = await get('/__admin/worlds/' + encodeURIComponent(current));
  $('#world-meta').textContent = `${w.key} · scenario ${w.scenario} · at ${time(w.now)}`;
  clear(body, w.skylight ? skylight(w.skylight) : null, w.konnector ? konnector(w.konnector) : null);
}

function skylight({ scenario, world: s }) {
  const sync = String(s.sync_status || '');
  return h('section', { class: 'panel', 'aria-labelledby': 'h-sky' },
    h('h3', { id: 'h-sky' }, 'SkyLight ', h('span', { class: 'hint' }, `world of scenario ${scenario}, locale ${s.locale}`)),
    h('div', { class: 'cards' },
      h('div', { class: 'card' }, h('h4', {}, 'LinkedIn connection'),
        h('p', { class: 'big ' + (s.connected ? 'good' : 'bad'), id: 'sky-connected' }, s.connected ? 'Connected' : 'Not connected'),
        h('p', {}, 'sync_status ', h('code', { id: 'sky-sync' }, sync)),
        s.username ? h('p', { class: 'hint' }, h('bdi', {}, s.username)) : null,
        h('p', { class: 'hint' }, `LinkedIn access ${s.linkedin_access ? 'yes' : 'no'} · Recruiter contract ${s.recruiter_contract ? 'yes' : 'no'}`)),
      s.quotas.map((q) => h('div', { class: 'card', 'data-quota': q.name }, h('h4', {}, q.name), gauge(q),
        h('p', { class: 'hint' }, `${q.used} used of ${q.limit}`)))),
    h('h4', {}, `Campaigns (${s.campaigns.length})`),
    s.campaigns.length ? h('div', { class: 'campaigns' }, s.campaigns.map((c) =>
      h('figure', { class: 'campaign', 'data-campaign': c.id },
        h('figcaption', {}, h('span', { class: 'cname', dir: 'auto' }, c.name), ' ',
          h('span', { class: 'badge st-' + c.status }, c.status), ' ', h('span', { class: 'hint' }, `#${c.id} · ${c.type} · ${c.contacts} contacts`)),
        funnel(c)))) : h('p', { class: 'hint' }, 'No campaigns.'));
}

function konnector({ scenario, world: k }) {
  const st = k.by_status, ty = k.by_type;
  return h('section', { class: 'panel', 'aria-labelledby': 'h-kon' },
    h('h3', { id: 'h-kon' }, 'Konnector ', h('span', { class: 'hint' }, `${k.organisation} · ${k.users} users · world of scenario ${scenario}`)),
    h('h4', {}, 'Daily connection requests (bars) and accepts (line), last 30 days'),
    daily(k.requests, k.accepts),
    h('div', { class: 'cards' },
      h('div', { class: 'card wide' }, h('h4', {}, `Campaigns by status (${st.total})`),
        bars('Campaigns by status', [['active', st.active], ['inactive', st.inactive], ['completed', st.completed], ['draft', st.draft]])),
      h('div', { class: 'card wide' }, h('h4', {}, 'Campaigns by type'),
        bars('Campaigns by type', Object.entries(ty)))));
}
