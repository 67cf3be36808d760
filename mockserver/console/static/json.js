// Pretty JSON as DOM: keys, strings, numbers coloured; string values in
// <bdi> so Arabic reads right to left inside left-to-right JSON; keys that
// carry an error (errors, error, message) marked when asked.
import { h } from './dom.js';

const ERROR_KEYS = new Set(['errors', 'error', 'message', 'error_code']);

export function jsonView(value, { errors = false } = {}) {
  return h('pre', { class: 'json' }, node(value, 0, errors, false));
}

function node(v, depth, errors, marked) {
  const pad = '  '.repeat(depth);
  if (v === null) return h('span', { class: 'j-null' }, 'null');
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const parts = ['[\n'];
    v.forEach((x, i) => {
      parts.push(pad + '  ', node(x, depth + 1, errors, marked), i < v.length - 1 ? ',\n' : '\n');
    });
    parts.push(pad + ']');
    return h('span', {}, ...parts);
  }
  if (typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 0) return '{}';
    const parts = ['{\n'];
    keys.forEach((k, i) => {
      const mark = marked || (errors && ERROR_KEYS.has(k));
      const line = h('span', { class: mark ? 'j-err' : null },
        pad + '  ', h('span', { class: 'j-key' }, JSON.stringify(k)), ': ', node(v[k], depth + 1, errors, mark));
      parts.push(line, i < keys.length - 1 ? ',\n' : '\n');
    });
    parts.push(pad + '}');
    return h('span', {}, ...parts);
  }
  if (typeof v === 'string') return h('span', { class: 'j-str' }, '"', h('bdi', {}, v), '"');
  if (typeof v === 'number') return h('span', { class: 'j-num' }, String(v));
  return h('span', { class: 'j-bool' }, String(v));
}

// validationErrors finds the field errors of an error body, as
// [field, message] pairs: SkyLight's {errors: {field: [msg]}}, Konnector's
// Konnector's {data: {error_code: INVALID_REQUEST, error: msg}}.
export function validationErrors(body) {
  if (!body || typeof body !== 'object') return [];
  const out = [];
  const walk = (errs) => {
    if (Array.isArray(errs)) {
      errs.forEach((e) => out.push([e.field || e.path || e.name || '', e.message || e.reason || JSON.stringify(e)]));
    } else if (errs && typeof errs === 'object') {
      for (const [k, v] of Object.entries(errs)) {
        (Array.isArray(v) ? v : [v]).forEach((m) => out.push([k, typeof m === 'string' ? m : JSON.stringify(m)]));
      }
    }
  };
  if (body.errors) walk(body.errors);
  else if (body.data && body.data.errors) walk(body.data.errors);
  else if (body.data && body.data.error_code === 'INVALID_REQUEST' && typeof body.data.error === 'string') out.push(['', body.data.error]);
  return out;
}
