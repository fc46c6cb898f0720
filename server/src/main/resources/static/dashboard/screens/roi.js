// Channel ROI: cost, attributed revenue, ROI and ROAS per channel under the chosen model, with the range every
// model gives each channel and, on request, the bootstrap interval of the chosen model as error bars.
import { post, API } from '../api.js';
import { el, fmt, panel, table, whiskers, PALETTE } from '../ui.js';

export default {
  id: 'roi',
  title: 'Channel ROI',
  touchFilter: true,
  async render(main, ctx) {
    // With a lookback or without Direct, the bootstrap resamples the journeys as the filter leaves them.
    const intervals = ctx.param('intervals') === 'true';
    const body = { ...ctx.range, ...ctx.touches, attribution_model_id: ctx.modelId, intervals };
    if (ctx.channelIds.length) body.channel_ids = ctx.channelIds;
    const compareBody = { ...ctx.range, ...ctx.touches };
    if (ctx.channelIds.length) compareBody.channel_ids = ctx.channelIds;
    main.append(el('div', { className: 'controls' }, el('label', {},
      el('input', { type: 'checkbox', id: 'intervals', checked: intervals,
        onchange: (e) => ctx.setParams({ intervals: e.target.checked ? 'true' : null }) }),
      ' Show 90 % bootstrap intervals (slower: 200 resamples)')));
    const [rows, comparison] = await Promise.all([
      post(`${API}/analytics/channel-roi`, body),
      post(`${API}/analytics/model-comparison`, compareBody),
    ]);
    if (ctx.stale()) return;
    const across = new Map(comparison.channels.map((c) => {
      const values = c.values.map((v) => Number(v.attributed_revenue));
      return [c.channel_id, [Math.min(...values), Math.max(...values)]];
    }));
    for (const r of rows) {
      r.range_across_models = across.get(r.channel_id) || null;
      const cost = Number(r.cost);
      r.roas_range = r.range_across_models && cost > 0 ? r.range_across_models.map((v) => v / cost) : null;
    }
    const modelName = ctx.model ? ctx.model.name : `model ${ctx.modelId}`;
    const best = rows.filter((r) => r.roas !== null).sort((a, b) => Number(b.roas) - Number(a.roas))[0];
    const series = [
      { name: 'Cost', type: 'bar', data: rows.map((r) => Number(r.cost)), itemStyle: { color: PALETTE[9] } },
      { name: `Attributed revenue (${modelName})`, type: 'bar', data: rows.map((r) => Number(r.attributed_revenue)),
        itemStyle: { color: PALETTE[0] } },
      whiskers(`Range across ${comparison.models.length} models`, PALETTE[1], rows.map((r) => r.range_across_models)),
    ];
    if (intervals) {
      series.push(whiskers('90 % interval', PALETTE[2], rows.map((r) => r.attributed_revenue_interval?.map(Number))));
    }
    const columns = [
      { key: 'channel_name', label: 'Channel', header: true },
      { key: 'cost', label: 'Cost', numeric: true, format: fmt.money },
      { key: 'attributed_revenue', label: 'Attributed revenue', numeric: true, format: fmt.money },
      { key: 'range_across_models', label: 'Range across models', value: (r) => r.range_across_models?.map((v) => v.toFixed(2)).join('–'),
        cell: (r) => fmt.range(r.range_across_models) },
      { key: 'attributed_conversions', label: 'Attributed conversions', numeric: true, format: fmt.number },
      { key: 'roi', label: 'ROI', numeric: true, format: (v) => (v === null ? '—' : `${fmt.number(v)} %`) },
      { key: 'roas', label: 'ROAS', numeric: true, format: fmt.ratio },
      { key: 'roas_range', label: 'ROAS across models', value: (r) => r.roas_range?.map((v) => v.toFixed(4)).join('–'),
        cell: (r) => fmt.range(r.roas_range, fmt.ratio) },
    ];
    if (intervals) {
      columns.push({ key: 'attributed_revenue_interval', label: 'Revenue 90 % interval',
        value: (r) => r.attributed_revenue_interval?.join('–'), cell: (r) => fmt.range(r.attributed_revenue_interval) });
      columns.push({ key: 'roas_interval', label: 'ROAS 90 % interval',
        value: (r) => r.roas_interval?.join('–'), cell: (r) => fmt.range(r.roas_interval, fmt.ratio) });
    }
    await panel(main, {
      title: `Cost and attributed revenue under ${modelName}`,
      description: 'Whiskers: the lowest and highest revenue any active model credits the channel'
        + (intervals ? '; green: the 90 % bootstrap interval of the chosen model.' : '.'),
      file: `channel-roi-${ctx.modelId}-${ctx.from}-${ctx.to}`,
      alt: `Bars of cost and attributed revenue for ${rows.length} channels under ${modelName}`
        + (best ? `; the best ROAS is ${best.channel_name} at ${fmt.ratio(best.roas)}` : '') + '. The table below holds every value.',
      option: {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0 },
        grid: { left: 70, right: 20, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: rows.map((r) => r.channel_name), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value' },
        series,
      },
      tableEl: table(`ROI per channel under ${modelName}`, columns, rows, { id: 'roi-table' }),
      height: 'tall',
    });
  },
};
