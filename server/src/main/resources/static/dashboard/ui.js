// Building blocks of every screen: elements, number formats, tables with their CSV export, and ECharts charts that
// carry role="img", a text alternative, a table beside them and a PNG export.
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';

/** An element with attributes (on* names become listeners) and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'className') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  // Any depth: a list of [arrow, chip] pairs is as good as a flat list.
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const fmt = {
  money: (v) => (v === null || v === undefined ? '—' : money.format(Number(v))),
  number: (v) => (v === null || v === undefined ? '—' : decimal.format(Number(v))),
  integer: (v) => (v === null || v === undefined ? '—' : integer.format(Number(v))),
  percent: (v) => (v === null || v === undefined ? '—' : `${decimal.format(Number(v) * 100)} %`),
  change: (v) => (v === null || v === undefined ? 'no previous data'
    : `${Number(v) >= 0 ? '+' : '−'}${decimal.format(Math.abs(Number(v)) * 100)} %`),
  ratio: (v) => (v === null || v === undefined ? '—' : `${decimal.format(Number(v))}×`),
  range: (pair, f = fmt.money) => (pair ? `${f(pair[0])} – ${f(pair[1])}` : '—'),
  minutes: (m) => {
    if (m === null || m === undefined) return '—';
    const v = Number(m);
    if (v < 60) return `${decimal.format(v)} min`;
    if (v < 2880) return `${decimal.format(v / 60)} h`;
    return `${decimal.format(v / 1440)} days`;
  },
};

/** A file download of {@code content} named {@code name}. */
export function download(name, content, type) {
  const url = content instanceof Blob || typeof content === 'string' && content.startsWith('data:')
    ? (typeof content === 'string' ? content : URL.createObjectURL(content))
    : URL.createObjectURL(new Blob([content], { type }));
  const a = el('a', { href: url, download: name, className: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV of a table built by {@link table}: its header, then each row's exact values (data-value). */
export function tableCsv(tableEl) {
  const lines = [];
  const head = [...tableEl.querySelectorAll('thead th')].map((th) => csvCell(th.dataset.key || th.textContent));
  lines.push(head.join(','));
  for (const tr of tableEl.querySelectorAll('tbody tr')) {
    lines.push([...tr.children].map((td) => csvCell(td.dataset.value ?? td.textContent)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A table: {@code columns} are {key, label, format?, numeric?, value?, cell?}; each cell shows the formatted value and
 * keeps the exact one in data-value for CSV export and tests.
 */
export function table(caption, columns, rows, { id, onRow } = {}) {
  const thead = el('thead', {}, el('tr', {}, columns.map((c) => el('th', {
    scope: 'col', className: c.numeric ? 'num' : undefined, dataset: { key: c.key },
  }, c.label))));
  const tbody = el('tbody');
  rows.forEach((row, index) => {
    const tr = el('tr', { dataset: { index: String(index) } });
    for (const c of columns) {
      const raw = c.value ? c.value(row) : row[c.key];
      const shown = c.cell ? c.cell(row) : (c.format ? c.format(raw, row) : raw ?? '—');
      tr.append(el(c.header ? 'th' : 'td', {
        className: c.numeric ? 'num' : undefined,
        scope: c.header ? 'row' : undefined,
        dataset: { value: raw === null || raw === undefined ? '' : String(raw) },
      }, shown));
    }
    if (onRow) {
      tr.tabIndex = 0;
      tr.classList.add('clickable');
      tr.addEventListener('click', () => onRow(row, index, tr));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onRow(row, index, tr); }
      });
    }
    tbody.append(tr);
  });
  return el('table', { id, className: 'data' }, el('caption', {}, caption), thead, tbody);
}

let panelCount = 0;

/**
 * A titled section holding a chart (when {@code option} is given) and its table, with CSV and PNG exports.
 * Resolves with {chart, table, section} once ECharts reports the chart finished.
 */
export async function panel(container, { title, description, option, alt, tableEl, file, height }) {
  const id = `p${++panelCount}`;
  const section = el('section', { className: 'panel', 'aria-labelledby': `${id}-h` });
  const actions = el('div', { className: 'actions' });
  section.append(el('h2', { id: `${id}-h` }, title));
  if (description) section.append(el('p', { className: 'hint' }, description));
  section.append(actions);
  let instance = null;
  if (option) {
    const box = el('div', { className: 'chart', role: 'img', 'aria-label': alt, id: `${id}-chart` });
    if (height) box.classList.add(`h-${height}`);
    section.append(box);
    container.append(section);
    instance = echarts.init(box, null, { renderer: 'canvas' });
    const finished = new Promise((resolve) => {
      // Registered before setOption, so that the first 'finished' is not missed.
      instance.on('finished', () => { box.dataset.rendered = 'true'; resolve(); });
    });
    instance.setOption({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' }, ...option });
    box.classList.add('rendered-pending');
    actions.append(el('button', {
      type: 'button',
      onclick: () => download(`${file}.png`, instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' })),
    }, 'Download PNG'));
    await Promise.race([finished, new Promise((r) => setTimeout(r, 3000))]);
    box.classList.remove('rendered-pending');
    new ResizeObserver(() => instance.resize()).observe(box);
  } else {
    container.append(section);
  }
  if (tableEl) {
    actions.prepend(el('button', {
      type: 'button', onclick: () => download(`${file}.csv`, tableCsv(tableEl), 'text/csv'),
    }, 'Download CSV'));
    // Wide tables scroll: the region takes the keyboard focus so that it can be scrolled without a mouse.
    section.append(el('div', { className: 'table-wrap', tabindex: '0', role: 'region',
      'aria-label': `${title}: table` }, tableEl));
  }
  return { chart: instance, table: tableEl, section };
}

/** How ECharts places grouped bars here: the gap between categories and between the bars of one category. */
export const BAR_GAPS = { barCategoryGap: '20%', barGap: '30%' };

/**
 * A custom ECharts series drawing a vertical whisker from low to high at each category: {@code pairs[i]} is
 * category i's [low, high] (or null), centred on the category; with {@code slots} > 1, {@code pairs[s][i]} is the
 * whisker of the s-th of that many grouped bars (placed with {@link BAR_GAPS}), over its bar.
 */
export function whiskers(name, color, pairs, { slots = 1 } = {}) {
  const bySlot = slots > 1 ? pairs : [pairs];
  const data = bySlot.flatMap((list, slot) => list.map((p, i) => (p ? [i, slot, p[0], p[1]] : null)))
    .filter(Boolean);
  return {
    name,
    type: 'custom',
    itemStyle: { color },
    data,
    encode: { x: 0, y: [2, 3] },
    renderItem: (params, api) => {
      const band = api.size([1, 0])[0];
      let offset = 0;
      let half = band * 0.12;
      if (slots > 1) {
        const used = band * (1 - parseFloat(BAR_GAPS.barCategoryGap) / 100);
        const gap = parseFloat(BAR_GAPS.barGap) / 100;
        const bar = used / (slots + gap * (slots - 1));
        offset = -used / 2 + bar / 2 + api.value(1) * bar * (1 + gap);
        half = bar * 0.3;
      }
      const low = api.coord([api.value(0), api.value(2)]);
      const high = api.coord([api.value(0), api.value(3)]);
      const x = low[0] + offset;
      const style = { stroke: color, lineWidth: slots > 1 ? 1.5 : 2 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: x, y1: low[1], x2: x, y2: high[1] }, style },
          { type: 'line', shape: { x1: x - half, y1: low[1], x2: x + half, y2: low[1] }, style },
          { type: 'line', shape: { x1: x - half, y1: high[1], x2: x + half, y2: high[1] }, style },
        ],
      };
    },
  };
}

/** Disposes every chart of {@code container} before a screen is replaced. */
export function disposeCharts(container) {
  container.querySelectorAll('.chart').forEach((box) => echarts.getInstanceByDom(box)?.dispose());
}

/** A short line telling what the screen is doing or what went wrong. */
export function notice(container, text, kind = 'info') {
  const p = el('p', { className: `notice ${kind}`, role: kind === 'error' ? 'alert' : undefined }, text);
  container.append(p);
  return p;
}

/** Colours of the series: distinct, and dark enough for white text labels. */
export const PALETTE = ['#1f4e9c', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#be185d',
  '#4d7c0f', '#334155', '#6d28d9', '#9a3412', '#065f46', '#1e3a8a', '#831843'];

export { echarts };
