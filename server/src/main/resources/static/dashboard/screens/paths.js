// Conversion paths: the top paths as channel chips with their numbers, filtered by length, non-converting ones on
// demand, and a Sankey of the journeys step by step (indexed by position, so it has no cycles).
import { post, API } from '../api.js';
import { el, fmt, panel, table, PALETTE } from '../ui.js';

const STEPS = 5;

function chips(path) {
  return el('span', { className: 'chips' }, path.map((name, i) => [
    i ? el('span', { className: 'arrow', 'aria-hidden': 'true' }, '→') : null,
    el('span', { className: 'chip' }, name)]));
}

export default {
  id: 'paths',
  title: 'Conversion paths',
  touchFilter: true,
  async render(main, ctx) {
    const min = ctx.param('min_length') || '';
    const max = ctx.param('max_length') || '';
    const nonConverting = ctx.param('non_converting') === 'true';
    const form = el('form', { className: 'controls', id: 'path-filter' },
      el('label', {}, 'Touches from ', el('input', { type: 'number', min: '1', max: '1000', name: 'min', value: min, className: 'short' })),
      el('label', {}, ' to ', el('input', { type: 'number', min: '1', max: '1000', name: 'max', value: max, className: 'short' })),
      el('label', {}, el('input', { type: 'checkbox', name: 'non', checked: nonConverting }), ' Include non-converting paths'),
      el('button', { type: 'submit' }, 'Show paths'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      ctx.setParams({ min_length: form.min.value, max_length: form.max.value, non_converting: form.non.checked ? 'true' : null });
    });
    main.append(form);
    // Paths of the touches the lookback and Exclude Direct keep; the shares stay those of all the range's conversions.
    const body = { ...ctx.range, ...ctx.touches, limit: 20, include_non_converting: nonConverting };
    if (min) body.min_length = Number(min);
    if (max) body.max_length = Number(max);
    const [top, all, overview] = await Promise.all([
      post(`${API}/analytics/top-paths`, body),
      post(`${API}/analytics/top-paths`, { ...ctx.range, ...ctx.touches, limit: 1000, include_non_converting: true }),
      post(`${API}/analytics/overview`, ctx.range),
    ]);
    if (ctx.stale()) return;
    const rows = top.paths;
    const flows = all.paths;
    const left = top.journeys_without_touches;
    if (left) {
      const one = left === 1;
      main.append(el('p', { className: 'hint', id: 'paths-left-out', dataset: { value: String(left) } },
        `${fmt.integer(left)} ${nonConverting ? '' : 'converting '}journey${one ? '' : 's'} of the range `
        + `${one ? 'has' : 'have'} no touch left under the lookback or without Direct: no path here.`));
    }
    const totalConversions = overview.current.conversions;
    for (const r of rows) r.share = totalConversions ? r.conversions / totalConversions : 0;
    await panel(main, {
      title: nonConverting ? 'Most travelled paths' : 'Top converting paths',
      description: 'Share: the path\'s part of all conversions of the range. Days and touches count from the first touch to the conversion.',
      file: `paths-${ctx.from}-${ctx.to}`,
      tableEl: table('Paths', [
        { key: 'path', label: 'Path', header: true, value: (r) => r.path.join(' > '), cell: (r) => chips(r.path) },
        { key: 'journeys', label: 'Journeys', numeric: true, format: fmt.integer },
        { key: 'conversions', label: 'Conversions', numeric: true, format: fmt.integer },
        { key: 'share', label: 'Share of conversions', numeric: true, format: fmt.percent },
        { key: 'conversion_rate', label: 'Conversion rate', numeric: true, format: fmt.percent },
        { key: 'revenue', label: 'Revenue', numeric: true, format: fmt.money },
        { key: 'avg_days_to_conversion', label: 'Avg days', numeric: true, format: fmt.number },
        { key: 'avg_touches_to_conversion', label: 'Avg touches', numeric: true, format: fmt.number },
      ], rows, { id: 'paths-table' }),
    });

    // The Sankey: node "k. channel" for the k-th distinct step, then the outcome.
    const links = new Map();
    const add = (from, to, n) => links.set(`${from}\u0000${to}`, (links.get(`${from}\u0000${to}`) || 0) + n);
    for (const r of flows) {
      const steps = r.path.slice(0, STEPS).map((c, i) => `${i + 1}. ${c}`);
      if (r.path.length > STEPS) steps.push(`${STEPS + 1}+. more touches`);
      const converted = Math.round(r.journeys * r.conversion_rate);
      for (let i = 0; i + 1 < steps.length; i++) add(steps[i], steps[i + 1], r.journeys);
      const last = steps[steps.length - 1];
      if (converted) add(last, 'Conversion', converted);
      if (r.journeys - converted) add(last, 'No conversion', r.journeys - converted);
    }
    const linkRows = [...links.entries()].map(([k, value]) => {
      const [source, target] = k.split('\u0000');
      return { source, target, value };
    }).sort((a, b) => b.value - a.value);
    const nodes = [...new Set(linkRows.flatMap((l) => [l.source, l.target]))].map((name) => ({ name }));
    const firstSteps = linkRows.filter((l) => l.source.startsWith('1. ')).reduce((m, l) => m.set(l.source, (m.get(l.source) || 0) + l.value), new Map());
    const topFirst = [...firstSteps.entries()].sort((a, b) => b[1] - a[1])[0];
    await panel(main, {
      title: 'Journey flow by step',
      description: `Journeys of the range (the ${flows.length} most travelled paths) step by step; steps past ${STEPS} are grouped.`,
      file: `path-flow-${ctx.from}-${ctx.to}`,
      alt: `Sankey diagram of journeys by step${topFirst ? `; most journeys start with ${topFirst[0].slice(3)} (${fmt.integer(topFirst[1])})` : ''}. The table below lists every flow.`,
      option: {
        color: PALETTE,
        tooltip: { trigger: 'item' },
        series: [{ type: 'sankey', data: nodes, links: linkRows, nodeAlign: 'left', emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', opacity: 0.4 }, label: { fontSize: 11 }, left: 10, right: 120 }],
      },
      tableEl: table('Flows between steps', [
        { key: 'source', label: 'From', header: true },
        { key: 'target', label: 'To' },
        { key: 'value', label: 'Journeys', numeric: true, format: fmt.integer },
      ], linkRows, { id: 'flow-table' }),
      height: 'tall',
    });
  },
};
