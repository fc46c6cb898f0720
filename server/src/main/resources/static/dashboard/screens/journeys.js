// Journey explorer: find journeys by user id, date, channel or conversion; show one as a timeline with each touch's
// credit under every active model at once, and the AI model's reasoning on request.
import { get, post, API, ApiError } from '../api.js';
import { el, fmt, panel, table, notice, PALETTE } from '../ui.js';

function searchForm(ctx) {
  const converting = ctx.param('converting') || '';
  const form = el('form', { className: 'controls search', id: 'journey-search', role: 'search' },
    el('label', {}, 'User id ', el('input', { name: 'user', value: ctx.param('user') || '', autocomplete: 'off' })),
    el('label', {}, 'Started on ', el('input', { type: 'date', name: 'day', value: ctx.param('day') || '' })),
    el('label', {}, 'Channel ', el('select', { name: 'channel' },
      el('option', { value: '' }, 'Any'),
      ctx.channels.map((c) => el('option', { value: String(c.id), selected: ctx.param('channel') === String(c.id) }, c.name)))),
    el('label', {}, 'Converting ', el('select', { name: 'converting' },
      el('option', { value: '', selected: converting === '' }, 'Either'),
      el('option', { value: 'true', selected: converting === 'true' }, 'Converting'),
      el('option', { value: 'false', selected: converting === 'false' }, 'Not converting'))),
    el('button', { type: 'submit' }, 'Find journeys'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.setParams({ user: form.user.value.trim(), day: form.day.value, channel: form.channel.value,
      converting: form.converting.value, journey: null, page: null });
  });
  return form;
}

async function showJourney(main, ctx, id) {
  const models = ctx.models.filter((m) => m.is_active && !m.ai);
  const timelines = await Promise.all(models.map((m) => get(`${API}/journeys/${id}/visualization?model_id=${m.id}`)));
  if (ctx.stale()) return;
  const t = timelines[0];
  main.append(el('h3', { id: 'journey-title' }, `Journey ${t.journey_id} of user ${t.user_id}`),
    el('p', { className: 'hint', id: 'journey-summary' },
      `${t.touchpoints.length} touches from ${t.start_time} · `
      + (t.has_conversion ? `converted, ${fmt.money(t.conversion_value)}` : 'did not convert')));
  const touches = t.touchpoints.map((touch, i) => {
    const row = { ...touch };
    timelines.forEach((tl, k) => { row[`m${models[k].id}`] = tl.touchpoints[i].attributed_revenue; });
    return row;
  });
  const channelsOnPath = [...new Set(touches.map((x) => x.channel_name))];
  const columns = [
    { key: 'position', label: '#', numeric: true },
    { key: 'timestamp', label: 'Time (UTC)', header: true, format: (v) => v.replace('T', ' ').replace('Z', '') },
    { key: 'channel_name', label: 'Channel' },
    { key: 'touchpoint_type', label: 'Type' },
    { key: 'minutes_to_conversion', label: 'Before conversion', numeric: true, format: fmt.minutes },
    { key: 'engagement_score', label: 'Engagement', numeric: true, format: fmt.number },
    ...models.map((m) => ({ key: `m${m.id}`, label: m.name, numeric: true, format: fmt.money })),
  ];
  // Marker positions on a time axis are numbers (ms); ISO strings are drawn nowhere.
  const marks = t.conversions.map((c) => ({ name: `${c.conversion_type} ${fmt.money(c.revenue)}`, xAxis: Date.parse(c.timestamp) }));
  await panel(main, {
    title: 'Timeline',
    description: 'Each dot is a touch (size: engagement); the dashed lines are conversions. The table gives each touch\'s '
      + 'credit under every active model.',
    file: `journey-${t.journey_id}`,
    alt: `Timeline of journey ${t.journey_id}: ${touches.length} touches on ${channelsOnPath.join(', ')}`
      + (t.conversions.length ? `, then ${t.conversions.length} conversion(s) worth ${fmt.money(t.conversion_value)}` : ', no conversion')
      + '. The table below lists every touch with its credits.',
    option: {
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: (p) => (p.componentType === 'markLine' ? `Conversion: ${p.name}` : `${p.data.name}<br>${p.data.value[0]}`) },
      grid: { left: 110, right: 100, top: 24, bottom: 40 },
      // The axis spans the conversions too: by default it would end at the last touch and hide them.
      xAxis: { type: 'time', max: (v) => Math.max(v.max, ...marks.map((m) => m.xAxis)), axisLabel: { hideOverlap: true, formatter: { year: '{yyyy}', month: '{MMM} {yyyy}', day: '{d} {MMM}', hour: '{HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}' } } },
      yAxis: { type: 'category', data: channelsOnPath },
      series: [{
        type: 'scatter',
        name: 'Touches',
        symbolSize: (v, p) => 10 + 14 * Number(touches[p.dataIndex].engagement_score ?? 0.5),
        data: touches.map((x) => ({ name: `${x.position}. ${x.channel_name} (${x.touchpoint_type})`, value: [x.timestamp, x.channel_name] })),
        markLine: marks.length ? { symbol: 'none', lineStyle: { type: 'dashed', color: PALETTE[2] }, label: { formatter: '{b}' }, data: marks } : undefined,
      }],
    },
    tableEl: table(`Touches of journey ${t.journey_id} with their credit under every model`, columns, touches,
      { id: 'touch-table' }),
  });
  const ai = ctx.models.find((m) => m.ai && m.is_active);
  if (ai && t.has_conversion) {
    const out = el('div', { id: 'ai-reasoning', 'aria-live': 'polite' });
    const button = el('button', { type: 'button', id: 'ask-ai', onclick: async () => {
      button.disabled = true;
      out.replaceChildren(el('p', {}, `Asking ${ai.name}…`));
      try {
        const r = await post(`${API}/calculate/${t.journey_id}/${ai.id}`);
        out.replaceChildren(
          el('p', {}, el('strong', {}, r.fallback ? `Fallback model's credits: ` : `${ai.name}: `), r.reasoning || 'no reasoning given'),
          table(`Credits of ${ai.name}`, [
            { key: 'channel_name', label: 'Channel', header: true },
            { key: 'credit', label: 'Share', numeric: true, format: fmt.percent },
            { key: 'attributed_revenue', label: 'Revenue', numeric: true, format: fmt.money },
          ], r.attributions || [], { id: 'ai-table' }));
      } catch (e) {
        out.replaceChildren(el('p', { className: 'notice error', role: 'alert' }, e instanceof ApiError ? e.message : String(e)));
      } finally {
        button.disabled = false;
      }
    } }, `Credit with ${ai.name} and show its reasoning`);
    main.append(el('section', { className: 'panel', 'aria-labelledby': 'ai-h' },
      el('h2', { id: 'ai-h' }, `${ai.name} (model ${ai.id})`),
      el('p', { className: 'hint' }, 'One call to the AI provider for this journey; answered from the stored answer when asked before.'),
      button, out));
  }
}

export default {
  id: 'journeys',
  title: 'Journey explorer',
  touchFilterNote: 'it shows journeys with every stored touch',
  async render(main, ctx) {
    main.append(searchForm(ctx));
    const query = new URLSearchParams({ size: '20', page: ctx.param('page') || '0' });
    if (ctx.param('user')) query.set('user_id', ctx.param('user'));
    const day = ctx.param('day');
    query.set('start_date', day || ctx.from);
    query.set('end_date', day || ctx.to);
    if (ctx.param('channel')) query.set('channel_id', ctx.param('channel'));
    if (ctx.param('converting')) query.set('has_conversion', ctx.param('converting'));
    const page = await get(`${API}/journeys?${query}`);
    if (ctx.stale()) return;
    const selected = Number(ctx.param('journey')) || null;
    if (!page.items.length) {
      notice(main, 'No journey matches; widen the dates or clear a field.');
    } else {
      const results = table(`${fmt.integer(page.total_items)} journeys found (page ${page.page + 1} of ${page.total_pages})`, [
        { key: 'id', label: 'Journey', numeric: true },
        { key: 'user_id', label: 'User', header: true },
        { key: 'start_time', label: 'Started (UTC)', format: (v) => v.replace('T', ' ').replace('Z', '') },
        { key: 'total_touchpoints', label: 'Touches', numeric: true },
        { key: 'has_conversion', label: 'Converted', format: (v) => (v ? 'yes' : 'no') },
        { key: 'conversion_value', label: 'Value', numeric: true, format: fmt.money },
      ], page.items, { id: 'journey-results', onRow: (row) => ctx.setParams({ journey: String(row.id) }) });
      const pager = el('div', { className: 'controls' },
        el('button', { type: 'button', disabled: page.page === 0, onclick: () => ctx.setParams({ page: String(page.page - 1) }) }, 'Previous page'),
        el('button', { type: 'button', disabled: page.page + 1 >= page.total_pages, onclick: () => ctx.setParams({ page: String(page.page + 1) }) }, 'Next page'));
      await panel(main, { title: 'Journeys', description: 'Choose a journey (Enter or click) to see its timeline.',
        file: 'journeys', tableEl: results });
      main.lastChild.append(pager);
      const only = page.items.length === 1 ? page.items[0].id : null;
      if (selected || only) await showJourney(main, ctx, selected || only);
    }
  },
};
