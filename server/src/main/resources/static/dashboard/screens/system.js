// Integrations and system: each platform's state and last import, starting an import or an upload and watching its
// progress, the service's health and the cache's hit rate.
import { get, post, API, ApiError } from '../api.js';
import { el, fmt, table, notice } from '../ui.js';

const DONE = new Set(['succeeded', 'failed']);

// What a job counts, each shown with its exact number in data-value (the browser tests compare them with the API's).
const COUNTS = [['rows_read', 'rows'], ['journeys', 'journeys'], ['touchpoints', 'touchpoints'],
  ['conversions', 'conversions'], ['spend_rows', 'spend rows'], ['duplicate_events', 'duplicates left out'],
  ['rejected_rows', 'rejected']];

async function watch(jobId, out) {
  for (;;) {
    const job = await get(`${API}/integrations/jobs/${jobId}`);
    out.replaceChildren(el('p', { className: 'job-status', dataset: { job: job.id, status: job.status } },
      `Job ${job.id} (${job.platform}): `, el('strong', {}, job.status),
      ...COUNTS.map(([key, label]) => [' · ', el('span', { dataset: { count: key, value: job[key] } },
        `${label} ${fmt.integer(job[key])}`)]),
      // GA4 days read from intraday tables: re-import them once GA4 has written the day's final table.
      job.intraday_days?.length ? [' · ', el('span', { dataset: { intradayDays: job.intraday_days.join(',') } },
        `from intraday tables: ${job.intraday_days.join(', ')}`)] : []),
    job.error ? el('p', { className: 'notice error', role: 'alert' }, job.error) : null);
    if (job.finished_at || DONE.has(job.status)) return job;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function uploadFile(platform, file, partial) {
  // The touchpoint files are CSV, the GA4 export NDJSON, spend either (by the file's name).
  const ndjson = platform === 'google_analytics' || /\.(nd)?jsonl?(\.gz)?$/i.test(file.name);
  const type = ndjson ? 'application/x-ndjson' : 'text/csv';
  const headers = { 'Content-Type': file.name.endsWith('.gz') ? 'application/gzip' : type };
  const key = sessionStorage.getItem('nexus.apiKey');
  if (key) headers.Authorization = `Bearer ${key}`;
  const response = await fetch(`${API}/integrations/${platform}/upload?partial=${partial}`, { method: 'POST', headers, body: file });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function platformPanel(p, ctx) {
  const out = el('div', { className: 'job', 'aria-live': 'polite' });
  const last = p.last_import;
  const section = el('section', { className: 'panel', dataset: { platform: p.platform } },
    el('h2', {}, p.platform.replace(/_/g, ' ')),
    el('p', {}, p.configured ? 'Configured' : `Not configured: set ${p.missing_settings.join(', ')}`, ` · ${p.source === 'api' ? 'imports from its API' : 'takes uploaded files'}`),
    el('p', {}, last ? `Last import: job ${last.id}, ${last.status}, ${fmt.integer(last.journeys)} journeys, ${last.finished_at || last.created_at}` : 'No import yet'));
  if (p.source === 'api') {
    const form = el('form', { className: 'controls' },
      el('label', {}, 'From ', el('input', { type: 'date', name: 'from', value: ctx.from, required: true })),
      el('label', {}, 'To ', el('input', { type: 'date', name: 'to', value: ctx.to, required: true })),
      el('button', { type: 'submit', disabled: !p.configured }, 'Start import'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const job = await post(`${API}/integrations/${p.platform}/import`, { start_date: form.from.value, end_date: form.to.value });
        await watch(job.id, out);
      } catch (err) { out.replaceChildren(el('p', { className: 'notice error', role: 'alert' }, err.message)); }
    });
    section.append(form);
  } else {
    const form = el('form', { className: 'controls' },
      el('label', {}, 'File ', el('input', { type: 'file', name: 'file', required: true })),
      el('label', {}, el('input', { type: 'checkbox', name: 'partial' }), ' Keep good rows when some are bad'),
      el('button', { type: 'submit' }, 'Upload and import'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const job = await uploadFile(p.platform, form.file.files[0], form.partial.checked);
        await watch(job.id, out);
      } catch (err) { out.replaceChildren(el('p', { className: 'notice error', role: 'alert' }, err.message)); }
    });
    section.append(form);
  }
  section.append(out);
  return section;
}

export default {
  id: 'system',
  title: 'Integrations and system',
  touchFilterNote: 'it shows the state of the service',
  async render(main, ctx) {
    const [health, cache, platforms] = await Promise.all([
      get('/health'),
      get(`${API}/cache/health`),
      get(`${API}/integrations`).catch((e) => e),
    ]);
    if (ctx.stale()) return;
    const components = Object.entries(health.components || {}).map(([name, c]) => ({
      name, status: c.status, detail: Object.entries(c).filter(([k]) => k !== 'status').map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`).join(' · '),
    }));
    main.append(el('div', { className: 'kpis' },
      el('div', { className: 'kpi', dataset: { kpi: 'health' } }, el('h3', {}, 'Service'), el('p', { className: 'kpi-value' }, health.status)),
      el('div', { className: 'kpi', dataset: { kpi: 'hit-rate' } }, el('h3', {}, `Cache hit rate (${cache.backend})`),
        el('p', { className: 'kpi-value', dataset: { value: cache.hit_rate } }, fmt.percent(cache.hit_rate)),
        el('p', {}, `${fmt.integer(cache.hits)} hits, ${fmt.integer(cache.misses)} misses, ${fmt.integer(cache.keys)} keys`))));
    main.append(el('section', { className: 'panel' }, el('h2', {}, 'Health'), el('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Table' },
      table('Health of each part', [
        { key: 'name', label: 'Part', header: true }, { key: 'status', label: 'Status' }, { key: 'detail', label: 'Detail' },
      ], components, { id: 'health-table' }))));
    main.append(el('h2', { className: 'screen-title' }, 'Integrations'));
    if (platforms instanceof Error) {
      notice(main, platforms instanceof ApiError && platforms.status === 403
        ? 'Integrations need an API key with the admin scope.' : `Integrations did not answer: ${platforms.message}`, 'error');
      return;
    }
    const grid = el('div', { className: 'grid' });
    platforms.forEach((p) => grid.append(platformPanel(p, ctx)));
    main.append(grid);
  },
};
