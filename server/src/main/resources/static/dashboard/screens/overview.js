// Overview: conversions, revenue, spend and ROAS of the range against the period before, and the daily trend.
import { post, API } from '../api.js';
import { el, fmt, panel, table, PALETTE } from '../ui.js';

function card(label, key, value, change, previous) {
  const direction = change === null || change === undefined ? 'flat' : (change >= 0 ? 'up' : 'down');
  return el('div', { className: 'kpi', dataset: { kpi: key } },
    el('h3', {}, label),
    el('p', { className: 'kpi-value', dataset: { value: value.raw ?? '' } }, value.text),
    el('p', { className: `kpi-change ${direction}`, dataset: { value: change ?? '' } },
      `${fmt.change(change)} vs previous period (${previous})`));
}

export default {
  id: 'overview',
  title: 'Overview',
  async render(main, ctx) {
    const o = await post(`${API}/analytics/overview`, ctx.range);
    if (ctx.stale()) return;
    const c = o.current;
    const p = o.previous;
    main.append(el('p', { className: 'hint' },
      `Journeys started ${ctx.from} to ${ctx.to} (UTC), against ${o.previous_from.slice(0, 10)} to `
      + `${new Date(Date.parse(o.previous_to) - 1).toISOString().slice(0, 10)}. Spend is what the touchpoints of the range cost.`));
    main.append(el('div', { className: 'kpis' },
      card('Conversions', 'conversions', { raw: c.conversions, text: fmt.integer(c.conversions) },
        o.change.conversions, fmt.integer(p.conversions)),
      card('Revenue', 'revenue', { raw: c.revenue, text: fmt.money(c.revenue) }, o.change.revenue, fmt.money(p.revenue)),
      card('Spend', 'spend', { raw: c.spend, text: fmt.money(c.spend) }, o.change.spend, fmt.money(p.spend)),
      card('ROAS', 'roas', { raw: c.roas, text: fmt.ratio(c.roas) }, o.change.roas, fmt.ratio(p.roas))));
    const days = o.daily;
    const total = days.reduce((s, d) => s + Number(d.revenue), 0);
    const best = days.reduce((b, d) => (Number(d.revenue) > Number(b.revenue) ? d : b), days[0]);
    await panel(main, {
      title: 'Daily trend',
      file: `overview-daily-${ctx.from}-${ctx.to}`,
      alt: `Daily revenue, spend and conversions from ${ctx.from} to ${ctx.to}: revenue ${fmt.money(total)} in total`
        + (best ? `, highest on ${best.date} with ${fmt.money(best.revenue)}` : '') + '. The table below lists every day.',
      option: {
        color: PALETTE,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 60, right: 60, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: days.map((d) => d.date) },
        yAxis: [{ type: 'value', name: 'Money' }, { type: 'value', name: 'Conversions', splitLine: { show: false } }],
        series: [
          { name: 'Revenue', type: 'bar', data: days.map((d) => Number(d.revenue)) },
          { name: 'Spend', type: 'bar', data: days.map((d) => Number(d.spend)) },
          { name: 'Conversions', type: 'line', yAxisIndex: 1, data: days.map((d) => d.conversions) },
        ],
      },
      tableEl: table('Day by day', [
        { key: 'date', label: 'Day', header: true },
        { key: 'journeys', label: 'Journeys started', numeric: true, format: fmt.integer },
        { key: 'conversions', label: 'Conversions', numeric: true, format: fmt.integer },
        { key: 'revenue', label: 'Revenue', numeric: true, format: fmt.money },
        { key: 'spend', label: 'Spend', numeric: true, format: fmt.money },
      ], days, { id: 'overview-table' }),
    });
  },
};
