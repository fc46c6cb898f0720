// Overview: conversions, revenue, spend and ROAS of the range against the period before, and the daily trend.
import { post, API } from '../api.js';
import { el, fmt, panel, table, PALETTE } from '../ui.js';

const SOURCES = { none: 'no cost recorded', touchpoints: 'touchpoint costs', platform_spend: 'platform spend',
  both: 'platform spend and touchpoint costs' };

/** Where the spend of a period came from, in words: the rule is channel ROI's (docs/dashboard.md). */
function spendNote(t, ctx) {
  const parts = [`Spend: ${SOURCES[t.spend_source] || t.spend_source}`];
  if (t.spend_source === 'both' || t.spend_source === 'platform_spend') {
    parts.push(`platform spend ${fmt.money(t.platform_spend)}${t.spend_currency ? ` ${t.spend_currency}` : ''} in place of `
      + `${fmt.money(t.replaced_touchpoint_cost)} of touchpoint costs on the channel days it covers`);
    if (t.spend_source === 'both') parts.push(`touchpoint costs ${fmt.money(t.touchpoint_cost)} on the other days`);
  }
  if (ctx.excludeDirect) parts.push(`Direct channels left out (${fmt.money(t.excluded_direct_cost)})`);
  return `${parts.join('; ')}.`;
}

function card(label, key, value, change, previous) {
  const direction = change === null || change === undefined ? 'flat' : (change >= 0 ? 'up' : 'down');
  return el('div', { className: 'kpi', dataset: { kpi: key } },
    el('h3', {}, label),
    el('p', { className: 'kpi-value', dataset: { value: value.raw ?? '' } }, value.text),
    el('p', { className: `kpi-change ${direction}`, dataset: { value: change ?? '' } },
      `${fmt.change(change)} vs previous period (${previous})`));
}

// The answer asked for at page load, before the catalogue arrived; used once, for the same filters.
let early = null;

function overviewOf(body) {
  const key = JSON.stringify(body);
  const answer = early && early.key === key ? early.answer : post(`${API}/analytics/overview`, body);
  early = null;
  return answer;
}

export default {
  id: 'overview',
  prefetch(ctx) {
    const body = { ...ctx.range, ...ctx.touches };
    const answer = post(`${API}/analytics/overview`, body);
    // A refusal is reported when render awaits it, not as an unhandled rejection in between.
    answer.catch(() => {});
    early = { key: JSON.stringify(body), answer };
  },
  title: 'Overview',
  touchFilter: true,
  touchFilterMeaning: 'Exclude Direct leaves the cost of Direct channels out of spend and ROAS; a lookback changes no '
    + 'number here (the overview credits no touch).',
  async render(main, ctx) {
    // The filter bar's lookback and Direct filters go along: without Direct the spend leaves Direct channels out; a
    // lookback changes no number here, conversions and spend do not depend on which touches get credit.
    const o = await overviewOf({ ...ctx.range, ...ctx.touches });
    if (ctx.stale()) return;
    const c = o.current;
    const p = o.previous;
    main.append(el('p', { className: 'hint' },
      `Journeys started ${ctx.from} to ${ctx.to} (UTC), against ${o.previous_from.slice(0, 10)} to `
      + `${new Date(Date.parse(o.previous_to) - 1).toISOString().slice(0, 10)}. Spend is what the channels cost by channel ROI's `
      + 'rule: per channel and day, the spend the ad platforms reported where there is any, else the touchpoints\' costs.'
      + (ctx.lookbackDays ? ` The ${ctx.lookbackDays}-day lookback changes nothing here: it decides which touches get credit, and the overview credits none.` : '')));
    main.append(el('div', { className: 'kpis' },
      card('Conversions', 'conversions', { raw: c.conversions, text: fmt.integer(c.conversions) },
        o.change.conversions, fmt.integer(p.conversions)),
      card('Revenue', 'revenue', { raw: c.revenue, text: fmt.money(c.revenue) }, o.change.revenue, fmt.money(p.revenue)),
      card('Spend', 'spend', { raw: c.spend, text: fmt.money(c.spend) }, o.change.spend, fmt.money(p.spend)),
      card('ROAS', 'roas', { raw: c.roas, text: fmt.ratio(c.roas) }, o.change.roas, fmt.ratio(p.roas))));
    main.append(el('p', { id: 'spend-source', className: 'hint', dataset: { source: c.spend_source } }, spendNote(c, ctx)));
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
        { key: 'spend_source', label: 'Spend from', format: (v) => SOURCES[v] || v },
        { key: 'platform_spend', label: 'Platform spend', numeric: true, format: fmt.money },
        { key: 'touchpoint_cost', label: 'Touchpoint costs', numeric: true, format: fmt.money },
      ], days, { id: 'overview-table' }),
    });
  },
};
