// The dashboard: one filter bar kept in the URL, a navigation between screens, and the screen the URL names.
import { get, onKeyNeeded, setKey, API } from './api.js';
import { el, disposeCharts, notice } from './ui.js';
import overview from './screens/overview.js';
import comparison from './screens/comparison.js';
import roi from './screens/roi.js';
import journeys from './screens/journeys.js';
import paths from './screens/paths.js';
import markov from './screens/markov.js';
import insights from './screens/insights.js';
import budget from './screens/budget.js';
import system from './screens/system.js';

const SCREENS = [overview, comparison, roi, journeys, paths, markov, insights, budget, system];
const FILTER_KEYS = ['screen', 'from', 'to', 'model', 'channels', 'lookback', 'direct'];
const main = document.getElementById('main');
const form = document.getElementById('filters');
const status = document.getElementById('status');
let catalogue = { models: [], channels: [] };
let rendering = 0;

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

/** The default view: the last 30 days up to today (UTC), linear model, every channel. */
function defaults() {
  const to = new Date();
  const from = new Date(to.getTime() - 29 * 86_400_000);
  const linear = catalogue.models.find((m) => m.model_type === 'linear') || catalogue.models[0];
  return { screen: SCREENS[0].id, from: isoDay(from), to: isoDay(to), model: linear ? String(linear.id) : '', channels: '',
    lookback: '', direct: '' };
}

/** The filters and screen options the URL holds, defaults filled in. */
function state() {
  const params = new URLSearchParams(location.search);
  const d = defaults();
  const s = {};
  for (const key of FILTER_KEYS) s[key] = params.get(key) ?? d[key];
  if (!SCREENS.some((x) => x.id === s.screen)) s.screen = d.screen;
  s.channelIds = s.channels ? s.channels.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
  s.modelId = Number(s.model) || Number(d.model);
  s.lookbackDays = Number.isInteger(Number(s.lookback)) && Number(s.lookback) > 0 ? Number(s.lookback) : null;
  s.excludeDirect = s.direct === 'exclude';
  // What the attribution reports take of the bar: the touches they credit.
  s.touches = {};
  if (s.lookbackDays) s.touches.lookback_days = s.lookbackDays;
  if (s.excludeDirect) s.touches.exclude_direct = true;
  s.params = params;
  return s;
}

/** Moves to a URL with {@code changes} applied (null removes a key); the view follows. */
function navigate(changes, { replace = false } = {}) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key); else params.set(key, value);
  }
  const url = `${location.pathname}?${params.toString()}`;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  render();
}

function fillFilterBar(s) {
  form.from.value = s.from;
  form.lookback.value = s.lookbackDays ?? '';
  form.nodirect.checked = s.excludeDirect;
  form.to.value = s.to;
  const select = form.model;
  if (!select.options.length) {
    for (const m of catalogue.models.filter((x) => x.is_active)) {
      select.append(el('option', { value: String(m.id) }, `${m.id} · ${m.name}`));
    }
  }
  select.value = String(s.modelId);
  const boxes = document.getElementById('channel-boxes');
  if (!boxes.children.length) {
    for (const c of catalogue.channels) {
      boxes.append(el('label', { className: 'chip-box' },
        el('input', { type: 'checkbox', name: 'channel', value: String(c.id) }), c.name));
    }
  }
  for (const box of boxes.querySelectorAll('input')) {
    box.checked = s.channelIds.includes(Number(box.value));
  }
}

/** Says in the filter bar whether lookback and Exclude Direct change what {@code screen} shows. */
function noteTouchFilter(screen, s) {
  const note = document.getElementById('touch-note');
  const set = [s.lookbackDays ? `lookback ${s.lookbackDays} days` : null, s.excludeDirect ? 'Direct excluded' : null]
    .filter(Boolean).join(', ');
  if (!screen.touchFilter) {
    note.textContent = `Lookback and Exclude Direct do not apply to ${screen.title}: `
      + `${screen.touchFilterNote || 'it counts the stored journeys with all their touches'}.`;
  } else {
    note.textContent = !set ? '' : screen.touchFilterMeaning ? `${screen.title}: ${screen.touchFilterMeaning}`
      : `${screen.title} counts only the touches kept (${set}).`;
  }
  note.dataset.applies = String(Boolean(screen.touchFilter));
}

function renderNav(s) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...SCREENS.map((screen) => {
    const params = new URLSearchParams(location.search);
    params.set('screen', screen.id);
    const a = el('a', { href: `?${params}`, 'aria-current': screen.id === s.screen ? 'page' : undefined,
      dataset: { screen: screen.id } }, screen.title);
    a.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      navigate({ screen: screen.id });
    });
    return el('li', {}, a);
  }));
}

async function render() {
  const run = ++rendering;
  const s = state();
  fillFilterBar(s);
  renderNav(s);
  const screen = SCREENS.find((x) => x.id === s.screen);
  document.title = `${screen.title} · NEXUS Attribution`;
  noteTouchFilter(screen, s);
  disposeCharts(main);
  main.replaceChildren(el('h2', { className: 'screen-title' }, screen.title));
  main.dataset.screen = screen.id;
  main.dataset.ready = 'false';
  const ctx = {
    ...s,
    models: catalogue.models,
    channels: catalogue.channels,
    model: catalogue.models.find((m) => m.id === s.modelId),
    range: { start_date: s.from, end_date: s.to },
    param: (name) => s.params.get(name),
    setParams: (changes) => navigate(changes),
    stale: () => run !== rendering,
  };
  try {
    await screen.render(main, ctx);
  } catch (e) {
    if (run === rendering) notice(main, `Could not load this screen: ${e.message}`, 'error');
  }
  if (run === rendering) {
    if (!main.dataset.firstScreenMs) {
      // Milliseconds from navigation start to the first screen drawn, for bench/dashboard-benchmark.sh.
      main.dataset.firstScreenMs = String(Math.round(performance.now()));
    }
    main.dataset.ready = 'true';
    status.textContent = `${screen.title} loaded`;
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const channels = [...form.querySelectorAll('input[name=channel]:checked')].map((b) => b.value);
  navigate({ from: form.from.value, to: form.to.value, model: form.model.value, channels: channels.join(','),
    lookback: form.lookback.value, direct: form.nodirect.checked ? 'exclude' : null });
});
form.model.addEventListener('change', () => form.requestSubmit());
document.getElementById('reset').addEventListener('click', () => {
  const screen = state().screen;
  history.pushState(null, '', `${location.pathname}?screen=${screen}`);
  render();
});
window.addEventListener('popstate', render);

const dialog = document.getElementById('auth');
const keyForm = document.getElementById('auth-form');
// The service answers nothing without a key: Escape does not close the dialog.
dialog.addEventListener('cancel', (e) => e.preventDefault());
let keyGiven = null;
// Calls refused at the same time wait for the same answer of the user.
onKeyNeeded((message) => {
  if (!keyGiven) {
    keyGiven = new Promise((resolve) => {
      document.getElementById('auth-error').textContent = message;
      keyForm.key.value = '';
      keyForm.addEventListener('submit', () => {
        setKey(keyForm.key.value.trim());
        keyGiven = null;
        resolve();
      }, { once: true });
      if (!dialog.open) dialog.showModal();
    });
  }
  return keyGiven;
});

async function start() {
  // The first screen may ask for its own data beside the catalogue instead of after it (the overview does).
  const first = state();
  SCREENS.find((x) => x.id === first.screen).prefetch?.({ range: { start_date: first.from, end_date: first.to },
    touches: first.touches });
  const [models, channels] = await Promise.all([get(`${API}/models`), get(`${API}/channels`)]);
  catalogue = { models, channels };
  await render();
}

start().catch((e) => {
  main.replaceChildren();
  notice(main, `The service did not answer: ${e.message}`, 'error');
});
