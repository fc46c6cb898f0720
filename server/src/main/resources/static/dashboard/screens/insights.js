// AI insights: the answer of /ai/insights for the current filters, each insight with the facts it cites; labelled
// "rules" when no AI provider is configured and the service answered from its own rules.
import { post, API, ApiError } from '../api.js';
import { el, fmt, table, notice } from '../ui.js';

function show(v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return fmt.number(v);
  if (Array.isArray(v)) return v.map(show).join(' > ');
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k.replace(/_/g, ' ')} ${show(x)}`).join(', ');
  return String(v);
}

/** A fact ({id, type, value, about}) as a line of text. */
function factText(fact) {
  const about = fact.about ? Object.entries(fact.about).map(([k, v]) => `${k.replace(/_/g, ' ')}: ${show(v)}`) : [];
  return [`${String(fact.type ?? '').replace(/_/g, ' ')} = ${show(fact.value)}`, ...about].join(' · ');
}

const TYPES = ['performance', 'optimization', 'trends'];

export default {
  id: 'insights',
  title: 'AI insights',
  async render(main, ctx) {
    const type = TYPES.includes(ctx.param('analysis')) ? ctx.param('analysis') : TYPES[0];
    main.append(el('div', { className: 'controls' }, el('label', {}, 'Analysis ', el('select', {
      id: 'analysis-type', onchange: (e) => ctx.setParams({ analysis: e.target.value }),
    }, TYPES.map((t) => el('option', { value: t, selected: t === type }, t))))));
    const body = { ...ctx.range, analysis_type: type };
    let answer;
    try {
      answer = await post(`${API}/ai/insights`, body);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        notice(main, 'This service has no insights endpoint (POST /api/v1/attribution/ai/insights).', 'error');
        return;
      }
      throw e;
    }
    if (ctx.stale()) return;
    const rules = answer.source === 'rules';
    main.append(el('p', { className: `source ${rules ? 'rules' : 'ai'}`, id: 'insight-source', dataset: { source: answer.source } },
      rules ? 'Source: rules (no AI provider is configured; these findings come from fixed rules over the numbers)'
        : `Source: ${answer.source}`,
      answer.generated_at ? ` · generated ${answer.generated_at}` : ''));
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
    if (facts.size) {
      const rows = [...facts.values()].map((f) => ({ id: f.id, text: factText(f) }));
      const t = table('Facts the insights cite', [
        { key: 'id', label: 'Fact', header: true }, { key: 'text', label: 'What it says' },
      ], rows, { id: 'fact-table' });
      t.querySelectorAll('tbody tr').forEach((tr, i) => { tr.id = `fact-${rows[i].id}`; tr.tabIndex = -1; });
      main.append(el('section', { className: 'panel' }, el('h2', {}, 'Facts'), el('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Table' }, t)));
    }
  },
};
