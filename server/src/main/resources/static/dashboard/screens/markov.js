// Markov: the transition matrix of a Markov model as a heatmap (start, channel, conversion and null states) and the
// removal effects behind its credits.
import { get, API } from '../api.js';
import { el, fmt, panel, table, notice } from '../ui.js';

export default {
  id: 'markov',
  title: 'Markov chain',
  touchFilter: true,
  async render(main, ctx) {
    const chains = ctx.models.filter((m) => m.model_type === 'markov' && m.is_active);
    if (!chains.length) {
      notice(main, 'No active Markov model; add one under /api/v1/attribution/models.');
      return;
    }
    const chosen = chains.find((m) => m.id === Number(ctx.param('markov'))) || chains.find((m) => m.id === ctx.modelId) || chains[0];
    main.append(el('div', { className: 'controls' }, el('label', {}, 'Markov model ', el('select', {
      id: 'markov-model', onchange: (e) => ctx.setParams({ markov: e.target.value }),
    }, chains.map((m) => el('option', { value: String(m.id), selected: m.id === chosen.id }, m.name))))));
    const query = new URLSearchParams(Object.entries(ctx.touches).map(([k, v]) => [k, String(v)])).toString();
    const chain = await get(`${API}/models/${chosen.id}/markov-chain${query ? `?${query}` : ''}`);
    if (ctx.stale()) return;
    const kept = [ctx.lookbackDays ? `touches at most ${ctx.lookbackDays} days before their conversion` : null,
      ctx.excludeDirect ? 'no Direct touches' : null].filter(Boolean).join(' and ');
    main.append(el('p', { className: 'hint' }, `Fitted on the model's training window (${chain.training_window_days} days of journeys`
      + `${kept ? `, ${kept}; journeys left without a touch are left out` : ''}), `
      + `order ${chain.order}: a journey from the start converts with probability ${fmt.percent(chain.conversion_probability)}.`));
    const states = chain.states;
    const index = new Map(states.map((s, i) => [s, i]));
    const cells = chain.transitions.map((t) => [index.get(t.to), index.get(t.from), t.probability]);
    const strongest = [...chain.transitions].filter((t) => t.from !== '(start)').sort((a, b) => b.probability - a.probability)[0];
    const matrixRows = states.filter((s) => s !== '(conversion)' && s !== '(null)').map((from) => {
      const row = { from };
      for (const to of states) row[to] = 0;
      chain.transitions.filter((t) => t.from === from).forEach((t) => { row[t.to] = t.probability; });
      return row;
    });
    await panel(main, {
      title: 'Transition probabilities',
      description: 'Row: the state a journey is in; column: where it goes next. Absorbing states (conversion, null) have no row.',
      file: `markov-transitions-${chosen.id}`,
      alt: `Heatmap of the ${states.length}-state transition matrix of ${chosen.name}`
        + (strongest ? `; the strongest transition is ${strongest.from} to ${strongest.to} at ${fmt.percent(strongest.probability)}` : '')
        + '. The table below holds every probability.',
      option: {
        tooltip: { formatter: (p) => `${states[p.data[1]]} → ${states[p.data[0]]}: ${fmt.percent(p.data[2])}` },
        grid: { left: 140, right: 30, top: 10, bottom: 110 },
        xAxis: { type: 'category', data: states, axisLabel: { rotate: 40, interval: 0 }, name: 'to', nameLocation: 'middle', nameGap: 90 },
        yAxis: { type: 'category', data: states, inverse: true, axisLabel: { interval: 0 } },
        visualMap: { min: 0, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120,
          inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] }, show: false },
        series: [{ type: 'heatmap', data: cells, label: { show: states.length <= 14, formatter: (p) => (p.data[2] >= 0.005 ? (p.data[2] * 100).toFixed(0) : '') } }],
      },
      tableEl: table(`Transition matrix of ${chosen.name}`, [
        { key: 'from', label: 'From', header: true },
        ...states.map((s) => ({ key: s, label: s, numeric: true, format: fmt.percent })),
      ], matrixRows, { id: 'transition-table' }),
      height: 'tall',
    });
    const effects = [...chain.removal_effects].sort((a, b) => b.conversion - a.conversion);
    await panel(main, {
      title: 'Removal effects',
      description: 'The share of conversions (and of value) the chain loses when the channel is removed.',
      file: `markov-removal-${chosen.id}`,
      alt: `Bars of removal effects for ${effects.length} channels; ${effects[0] ? `${effects[0].channel_name} is the largest at ${fmt.percent(effects[0].conversion)}` : 'none'}.`,
      option: {
        color: ['#1f4e9c', '#c2410c'],
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v) => fmt.percent(v) },
        grid: { left: 120, right: 30, top: 30, bottom: 30 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: effects.map((e) => e.channel_name) },
        series: [
          { name: 'Conversions lost', type: 'bar', data: effects.map((e) => e.conversion) },
          { name: 'Value lost', type: 'bar', data: effects.map((e) => e.value) },
        ],
      },
      tableEl: table('Removal effects', [
        { key: 'channel_name', label: 'Channel', header: true },
        { key: 'conversion', label: 'Conversions lost', numeric: true, format: fmt.percent },
        { key: 'value', label: 'Value lost', numeric: true, format: fmt.percent },
      ], effects, { id: 'removal-table' }),
    });
  },
};
