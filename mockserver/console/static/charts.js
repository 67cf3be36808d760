// SVG charts drawn by the console: a campaign funnel, a quota gauge and a
// daily two-series chart. Each has a title and a text alternative.
import { svg } from './dom.js';

const STAGES = [['invited', 'Invited'], ['accepted', 'Accepted'], ['messaged', 'Messaged'], ['replied', 'Replied']];

// funnel draws a campaign's members invited, accepted, messaged, replied.
export function funnel(c) {
  const W = 320, row = 22, H = STAGES.length * row + 4, label = 80;
  const max = Math.max(c.contacts, 1);
  const desc = STAGES.map(([k, l]) => `${l} ${c[k]}`).join(', ');
  return svg('svg', { class: 'chart funnel', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Funnel of ${c.name}: ${desc} of ${c.contacts} contacts` },
    STAGES.map(([k, l], i) => {
      const w = Math.round(((W - label - 40) * c[k]) / max);
      const y = i * row + 2;
      return svg('g', { 'data-stage': k },
        svg('text', { x: 0, y: y + 15, class: 'lbl' }, l),
        svg('rect', { x: label, y, width: Math.max(w, 1), height: row - 6, rx: 3, class: 'bar s' + i }),
        svg('text', { x: label + w + 6, y: y + 15, class: 'val' }, String(c[k])));
    }));
}

// gauge draws a quota as a half ring: what remains of the limit.
export function gauge(q) {
  const left = Math.max(q.limit - q.used, 0);
  const share = q.limit > 0 ? left / q.limit : 0;
  const R = 40, cx = 50, cy = 48;
  const a = Math.PI * (1 - share);
  const x = cx + R * Math.cos(a), y = cy - R * Math.sin(a);
  const arc = (toX, toY) => `M ${cx - R} ${cy} A ${R} ${R} 0 0 1 ${toX.toFixed(2)} ${toY.toFixed(2)}`;
  const tone = share === 0 ? 'empty' : share < 0.2 ? 'low' : 'ok';
  return svg('svg', { class: 'chart gauge', viewBox: '0 0 100 64', role: 'img', 'aria-label': `${q.name}: ${left} of ${q.limit} left` },
    svg('path', { d: arc(cx + R, cy), class: 'track' }),
    share > 0 ? svg('path', { d: arc(x, y), class: 'fill ' + tone }) : null,
    svg('text', { x: cx, y: cy - 4, class: 'big', 'text-anchor': 'middle' }, String(left)),
    svg('text', { x: cx, y: cy + 12, class: 'small', 'text-anchor': 'middle' }, `of ${q.limit} left`));
}

// daily draws two daily series (requests and accepts) as bars and a line.
export function daily(requests, accepts) {
  const W = 1000, H = 200, padL = 34, padB = 22, n = requests.length;
  const max = Math.max(1, ...requests.map((d) => d.count), ...accepts.map((d) => d.count));
  const bw = (W - padL - 4) / Math.max(n, 1);
  const yOf = (v) => H - padB - ((H - padB - 8) * v) / max;
  const total = (s) => s.reduce((a, d) => a + d.count, 0);
  const first = n ? requests[0].date : '', last = n ? requests[n - 1].date : '';
  const line = accepts.map((d, i) => `${i ? 'L' : 'M'} ${(padL + bw * i + bw / 2).toFixed(1)} ${yOf(d.count).toFixed(1)}`).join(' ');
  return svg('svg', { class: 'chart daily', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': `Daily connection requests and accepts from ${first} to ${last}: ${total(requests)} requests, ${total(accepts)} accepts` },
    svg('line', { x1: padL, y1: H - padB, x2: W, y2: H - padB, class: 'axis' }),
    svg('text', { x: padL - 4, y: yOf(max) + 4, class: 'small', 'text-anchor': 'end' }, String(max)),
    svg('text', { x: padL - 4, y: H - padB, class: 'small', 'text-anchor': 'end' }, '0'),
    requests.map((d, i) => svg('rect', { x: padL + bw * i + 1, y: yOf(d.count), width: Math.max(bw - 2, 1), height: H - padB - yOf(d.count), class: 'bar s0' },
      svg('title', {}, `${d.date}: ${d.count} requests, ${accepts[i] ? accepts[i].count : 0} accepts`))),
    svg('path', { d: line, class: 'line s1' }),
    svg('text', { x: padL, y: H - 4, class: 'small' }, first),
    svg('text', { x: W - 4, y: H - 4, class: 'small', 'text-anchor': 'end' }, last));
}

// bars draws labelled counts as horizontal bars.
export function bars(title, entries) {
  const W = 440, row = 22, label = 220;
  const max = Math.max(1, ...entries.map(([, v]) => v));
  return svg('svg', { class: 'chart bars', viewBox: `0 0 ${W} ${entries.length * row + 4}`, role: 'img',
    'aria-label': title + ': ' + entries.map(([k, v]) => `${k} ${v}`).join(', ') },
    entries.map(([k, v], i) => {
      const w = Math.round(((W - label - 30) * v) / max);
      return svg('g', {},
        svg('text', { x: 0, y: i * row + 15, class: 'lbl' }, k),
        svg('rect', { x: label, y: i * row + 3, width: Math.max(w, 1), height: row - 6, rx: 3, class: 'bar s' + (i % 4) }),
        svg('text', { x: label + w + 5, y: i * row + 15, class: 'val' }, String(v)));
    }));
}
