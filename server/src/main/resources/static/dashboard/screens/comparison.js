// Model comparison: every active model per channel, the difference against a baseline model, and the channels the
// models disagree on most; the grouped bars and the table are linked (click a bar, focus a row).
import { post, API } from '../api.js';
import { el, fmt, panel, table, whiskers, BAR_GAPS, PALETTE } from '../ui.js';

export default {
  id: 'comparison',
  title: 'Model comparison',
  touchFilter: true,
  async render(main, ctx) {
    // With a lookback or without Direct, the intervals resample the journeys as the filter leaves them.
    const intervals = ctx.param('intervals') === 'true';
    const body = { ...ctx.range, ...ctx.touches, intervals };
    if (ctx.channelIds.length) body.channel_ids = ctx.channelIds;
    const result = await post(`${API}/analytics/model-comparison`, body);
    if (ctx.stale()) return;
    const models = result.models;
    const rows = result.channels;
    const metric = ctx.param('metric') === 'conversions' ? 'conversions' : 'revenue';
    const baselineId = Number(ctx.param('baseline')) || (models.some((m) => m.id === ctx.modelId) ? ctx.modelId : models[0]?.id);
    const baseIndex = Math.max(0, models.findIndex((m) => m.id === baselineId));
    const value = (cell) => (metric === 'revenue' ? Number(cell.attributed_revenue) : cell.attributed_conversions);
    const format = metric === 'revenue' ? fmt.money : fmt.number;
    const bounds = (cell) => (metric === 'revenue' ? cell.attributed_revenue_interval : cell.attributed_conversions_interval);

    const controls = el('div', { className: 'controls' },
      el('label', {}, 'Baseline model ', el('select', {
        id: 'baseline', onchange: (e) => ctx.setParams({ baseline: e.target.value }),
      }, models.map((m) => el('option', { value: String(m.id), selected: m.id === models[baseIndex]?.id }, m.name)))),
      el('label', {}, 'Measure ', el('select', {
        id: 'metric', onchange: (e) => ctx.setParams({ metric: e.target.value }),
      }, el('option', { value: 'revenue', selected: metric === 'revenue' }, 'Attributed revenue'),
      el('option', { value: 'conversions', selected: metric === 'conversions' }, 'Attributed conversions'))),
      el('label', { className: 'inline' }, el('input', { type: 'checkbox', id: 'comparison-intervals', checked: intervals,
        onchange: (e) => ctx.setParams({ intervals: e.target.checked ? 'true' : null }) }),
      ' Show 90 % bootstrap intervals (slower: 200 resamples per model)'));
    main.append(controls);

    const columns = [{ key: 'channel_name', label: 'Channel', header: true }];
    models.forEach((m, i) => columns.push({
      key: `m${m.id}`, label: m.name, numeric: true, value: (r) => value(r.values[i]), format,
      // The interval beside the value (the AI model's too, from its stored answers); the CSV keeps the value.
      cell: intervals ? (r) => (bounds(r.values[i]) ? `${format(value(r.values[i]))} (${fmt.range(bounds(r.values[i]), format)})`
        : format(value(r.values[i]))) : undefined,
    }));
    const tableEl = table(`${metric === 'revenue' ? 'Attributed revenue' : 'Attributed conversions'} by channel and model`,
      columns, rows, { id: 'comparison-table', onRow: (r, index) => chart?.dispatchAction({ type: 'showTip', seriesIndex: baseIndex, dataIndex: index }) });
    const top = rows.map((r) => ({ r, v: value(r.values[baseIndex] || { attributed_revenue: 0, attributed_conversions: 0 }) }))
      .sort((a, b) => b.v - a.v)[0];
    const { chart } = await panel(main, {
      title: 'Channels under every model',
      description: intervals ? 'Whiskers: each model\'s 90 % bootstrap interval.' : undefined,
      file: `model-comparison-${ctx.from}-${ctx.to}`,
      alt: `Grouped bars of ${metric} per channel for ${models.length} models. Under ${models[baseIndex]?.name}, `
        + `${top ? `${top.r.channel_name} leads with ${format(top.v)}` : 'no channel has credit'}. The table below holds every value.`,
      option: {
        color: PALETTE,
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 70, right: 20, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: rows.map((r) => r.channel_name), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value' },
        series: [
          ...models.map((m, i) => ({ name: m.name, type: 'bar', ...BAR_GAPS, data: rows.map((r) => value(r.values[i])) })),
          ...(intervals ? [whiskers('90 % intervals', '#111827',
            models.map((m, i) => rows.map((r) => bounds(r.values[i])?.map(Number))), { slots: models.length })] : []),
        ],
      },
      tableEl,
      height: 'tall',
    });
    chart.on('click', (p) => {
      const tr = tableEl.querySelector(`tbody tr[data-index="${p.dataIndex}"]`);
      tableEl.querySelectorAll('tr.selected').forEach((x) => x.classList.remove('selected'));
      tr?.classList.add('selected');
      tr?.focus();
    });

    // The difference of every model against the baseline, per channel.
    const base = models[baseIndex];
    const diffColumns = [{ key: 'channel_name', label: 'Channel', header: true }];
    models.forEach((m, i) => {
      if (i === baseIndex) return;
      diffColumns.push({ key: `d${m.id}`, label: `${m.name} − ${base.name}`, numeric: true,
        value: (r) => value(r.values[i]) - value(r.values[baseIndex]), format });
    });
    await panel(main, {
      title: `Difference against ${base.name}`,
      description: 'Positive: the model credits the channel more than the baseline does.',
      file: `model-diff-${base.id}-${ctx.from}-${ctx.to}`,
      tableEl: table(`Difference in ${metric} against ${base.name}`, diffColumns, rows, { id: 'diff-table' }),
    });

    // Disagreement: how far apart the models put each channel's share of the credit.
    const disagreement = rows.map((r) => {
      const shares = r.values.map((c) => Number(c.revenue_share));
      const min = Math.min(...shares);
      const max = Math.max(...shares);
      const low = models[shares.indexOf(min)];
      const high = models[shares.indexOf(max)];
      return { channel_name: r.channel_name, spread: max - min, min, max, low: low?.name, high: high?.name };
    }).sort((a, b) => b.spread - a.spread);
    const most = disagreement[0];
    await panel(main, {
      title: 'Where the models disagree most',
      description: 'Spread of each channel\'s share of revenue across models (highest minus lowest).',
      file: `model-disagreement-${ctx.from}-${ctx.to}`,
      alt: most ? `Bars of the spread of revenue share per channel; models disagree most on ${most.channel_name}, `
        + `from ${fmt.percent(most.min)} (${most.low}) to ${fmt.percent(most.max)} (${most.high}).` : 'No channels.',
      option: {
        color: [PALETTE[1]],
        tooltip: { trigger: 'axis', valueFormatter: (v) => fmt.percent(v) },
        grid: { left: 120, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', axisLabel: { formatter: (v) => `${Math.round(v * 100)} %` } },
        yAxis: { type: 'category', inverse: true, data: disagreement.map((d) => d.channel_name) },
        series: [{ name: 'Spread of share', type: 'bar', data: disagreement.map((d) => d.spread) }],
      },
      tableEl: table('Spread of revenue share across models', [
        { key: 'channel_name', label: 'Channel', header: true },
        { key: 'spread', label: 'Spread', numeric: true, format: fmt.percent },
        { key: 'min', label: 'Lowest share', numeric: true, format: fmt.percent },
        { key: 'low', label: 'Lowest model' },
        { key: 'max', label: 'Highest share', numeric: true, format: fmt.percent },
        { key: 'high', label: 'Highest model' },
      ], disagreement, { id: 'disagreement-table' }),
    });
  },
};
