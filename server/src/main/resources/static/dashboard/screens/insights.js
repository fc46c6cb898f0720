// AI insights: the answer of /ai/insights for the current filters, each insight with the facts it cites; labelled
// "rules" when no AI provider is configured and the service answered from its own rules.
import { post, API } from '../api.js';
import { el, fmt, table, panel } from '../ui.js';

const places4 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** A fact's value as its type says it is meant (docs/ai.md): money to the cent, ROI in percent, ROAS as a ratio. */
function showValue(type, v) {
  if (v === null || v === undefined) return '—';
  switch (type) {
    case 'count': return fmt.integer(v);
    case 'money': return fmt.money(v);
    case 'percent': return `${places4.format(Number(v))} %`;
    case 'ratio':
    case 'number': return places4.format(Number(v));
    default: return show(v);
  }
}

function show(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return places4.format(v);
  if (Array.isArray(v)) return v.map(show).join(' > ');
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k.replace(/_/g, ' ')} ${show(x)}`).join(', ');
  return String(v);
}

function aboutText(fact) {
  return fact.about ? Object.entries(fact.about).map(([k, v]) => `${k.replace(/_/g, ' ')}: ${show(v)}`).join(' · ') : '';
}

/** A fact ({id, type, value, about}) as a line of text. */
function factText(fact) {
  return [`${String(fact.type ?? '').replace(/_/g, ' ')} = ${showValue(fact.type, fact.value)}`, aboutText(fact)]
    .filter(Boolean).join(' · ');
}

const TYPES = ['performance', 'optimization', 'trends'];

export default {
  id: 'insights',
  title: 'AI insights',
  touchFilterNote: 'its facts are of the stored journeys with all their touches',
  async render(main, ctx) {
    const type = TYPES.includes(ctx.param('analysis')) ? ctx.param('analysis') : TYPES[0];
    main.append(el('div', { className: 'controls' }, el('label', {}, 'Analysis ', el('select', {
      id: 'analysis-type', onchange: (e) => ctx.setParams({ analysis: e.target.value }),
    }, TYPES.map((t) => el('option', { value: t, selected: t === type }, t))))));
    // The endpoint compares its default models (every active one but the AI model) over the journeys started in the
    // range; the channel, lookback and Direct filters are not among its questions.
    const body = { ...ctx.range, analysis_type: type };
    const answer = await post(`${API}/ai/insights`, body);
    if (ctx.stale()) return;
    const rules = answer.source === 'rules';
    main.append(el('p', { className: `source ${rules ? 'rules' : 'ai'}`, id: 'insight-source', dataset: { source: answer.source } },
      rules ? 'Source: rules (no AI provider is configured; these findings come from fixed rules over the numbers)'
        : `Source: ${answer.source}`,
      answer.generated_at ? ` · generated ${answer.generated_at}` : ''));
    if (answer.models?.length) {
      main.append(el('p', { className: 'hint', id: 'insight-models' }, `Models compared: ${answer.models
        .map((m) => `${m.name} (${m.slug})`).join(', ')}. The channel, lookback and Direct filters do not apply here.`));
    }
    if (answer.summary) main.append(el('p', { className: 'summary', id: 'insight-summary' }, answer.summary));
    const facts = new Map((answer.facts || []).map((f) => [String(f.id), f]));
    const list = el('ol', { className: 'insights', id: 'insight-list' });
    for (const insight of answer.insights || []) {
      list.append(el('li', { className: 'panel insight' },
        el('h3', {}, insight.title),
        el('p', {}, insight.finding),
        insight.recommendation ? el('p', {}, el('strong', {}, 'Recommendation: '), insight.recommendation) : null,
        el('ul', { className: 'evidence', 'aria-label': 'Cited facts' }, (insight.evidence || []).map((id) => el('li', {},
          el('a', { href: `#fact-${id}`, onclick: (e) => {
            // Moves to the fact without a history entry (the view lives in the query string).
            e.preventDefault();
            const row = document.getElementById(`fact-${id}`);
            row?.scrollIntoView({ block: 'center' });
            row?.focus();
          } }, `fact ${id}`), ' ', facts.has(String(id)) ? factText(facts.get(String(id))) : '')))));
    }
    main.append(list);
    if (!(answer.insights || []).length) {
      main.append(el('p', { className: 'notice info' }, 'No insight for this date range.'));
    }
    if (facts.size) {
      const rows = [...facts.values()];
      const t = table('Facts the insights cite', [
        { key: 'id', label: 'Fact', header: true },
        { key: 'type', label: 'Type' },
        // Composite values keep their JSON in data-value (CSV and tests); scalars their exact number.
        { key: 'value', label: 'Value', numeric: true, value: (f) => (f.value !== null && typeof f.value === 'object'
          ? JSON.stringify(f.value) : f.value), cell: (f) => showValue(f.type, f.value) },
        { key: 'about', label: 'About', value: (f) => aboutText(f) },
      ], rows, { id: 'fact-table' });
      t.querySelectorAll('tbody tr').forEach((tr, i) => { tr.id = `fact-${rows[i].id}`; tr.tabIndex = -1; });
      await panel(main, { title: 'Facts', description: 'Computed by the service from the data; the insights cite them '
        + 'by id.', tableEl: t, file: `insight-facts-${type}` });
    }
  },
};
