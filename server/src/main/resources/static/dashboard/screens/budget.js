// Budget plan: the current split of spend against the split the model's response curves recommend for a budget.
import { post, API } from '../api.js';
import { el, fmt, panel, table, notice, PALETTE } from '../ui.js';

export default {
  id: 'budget',
  title: 'Budget plan',
  touchFilter: true,
  async render(main, ctx) {
    let budget = ctx.param('budget');
    if (!budget) {
      const overview = await post(`${API}/analytics/overview`, ctx.range);
      budget = overview.current.spend;
    }
    const form = el('form', { className: 'controls', id: 'budget-form' },
      el('label', {}, 'Total budget for the period ', el('input', { type: 'number', min: '0', step: '0.01', name: 'budget', value: String(budget) })),
      el('button', { type: 'submit' }, 'Plan'));
    form.addEventListener('submit', (e) => { e.preventDefault(); ctx.setParams({ budget: form.budget.value }); });
    main.append(form);
    // The curves are fitted on the revenue the model credits to the touches the lookback and Exclude Direct keep.
    const plan = await post(`${API}/analytics/budget-plan`, { ...ctx.range, ...ctx.touches, attribution_model_id: ctx.modelId,
      total_budget: Number(budget) });
    if (ctx.stale()) return;
    main.append(el('div', { className: 'kpis' },
      el('div', { className: 'kpi' }, el('h3', {}, 'Current split'), el('p', { className: 'kpi-value' }, fmt.money(plan.current.spend)),
        el('p', {}, `expected revenue ${fmt.money(plan.current.expected_revenue)}, ROAS ${fmt.ratio(plan.current.roas)}`)),
      el('div', { className: 'kpi' }, el('h3', {}, 'Recommended split'), el('p', { className: 'kpi-value' }, fmt.money(plan.plan.spend)),
        el('p', {}, `expected revenue ${fmt.money(plan.plan.expected_revenue)}, ROAS ${fmt.ratio(plan.plan.roas)}`))));
    const rows = plan.channels;
    if (!rows.length) { notice(main, 'No channel has spend to plan in this range.'); return; }
    await panel(main, {
      title: 'Current and recommended spend per channel',
      description: 'From each channel\'s response curve fitted on its daily spend and attributed revenue (docs/budget.md).',
      file: `budget-plan-${ctx.modelId}-${ctx.from}-${ctx.to}`,
      alt: `Bars of current and recommended spend for ${rows.length} channels, total ${fmt.money(plan.total_budget)}. The table below holds every value.`,
      option: {
        color: [PALETTE[9], PALETTE[0]],
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 70, right: 20, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: rows.map((r) => r.channel_name), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value' },
        series: [
          { name: 'Current spend', type: 'bar', data: rows.map((r) => Number(r.current_spend)) },
          { name: 'Recommended spend', type: 'bar', data: rows.map((r) => (r.recommended_spend === null ? null : Number(r.recommended_spend))) },
        ],
      },
      tableEl: table('Budget plan per channel', [
        { key: 'channel_name', label: 'Channel', header: true },
        { key: 'status', label: 'Status' },
        { key: 'current_spend', label: 'Current spend', numeric: true, format: fmt.money },
        { key: 'recommended_spend', label: 'Recommended spend', numeric: true, format: fmt.money },
        { key: 'current_expected_revenue', label: 'Expected revenue now', numeric: true, format: fmt.money },
        { key: 'expected_revenue', label: 'Expected revenue planned', numeric: true, format: fmt.money },
        { key: 'marginal_roas', label: 'Marginal ROAS', numeric: true, format: fmt.ratio },
        { key: 'at_limit', label: 'At limit' },
      ], rows, { id: 'budget-table' }),
    });
  },
};
