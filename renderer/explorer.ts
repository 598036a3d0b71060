/**
 * The Loss Explorer: the catalogue without data. Pick a loss; see its formula (symbolic and with the
 * parameters), what it is for, its PyTorch call, its curves with sliders, and its family compared.
 */
import { resolveParams } from '../core/params.js';
import { CATEGORIES, CATEGORY_NAMES, type AnyLoss } from '../core/loss.js';
import { findLoss, lossesByCategory, LOSSES } from '../core/registry.js';
import { button, clear, h } from './dom.js';
import { mathFontsSettled } from './fonts.js';
import type { Host } from './host.js';
import { both, langOf, t, tr } from './i18n.js';
import type { ExplorerState } from './messages.js';
import { compareSection, curvesSection, type DrawnChart } from './plots.js';
import { afterPaint, errorView, flushTex, formulaCard, hasSnippet, type ReportContext, type Rendered } from './report.js';
import { loadKatex } from './tex.js';
import { loadVega } from './vega.js';

export function renderExplorer(root: HTMLElement, state: ExplorerState | null, host: Host, onState?: (s: ExplorerState) => void): Rendered {
  const t0 = performance.now();
  const lang = langOf(host.locale);
  clear(root);
  root.classList.add('ll-root');
  root.setAttribute('data-state', 'rendering');
  const charts: DrawnChart[] = [];
  const wrap = h('div', { class: 'll-report ll-explorer' });
  root.appendChild(wrap);
  const select = h('select', { class: 'll-select', 'aria-label': t(lang, 'pickLoss') });
  for (const c of CATEGORIES) {
    const list = lossesByCategory().get(c) ?? [];
    if (!list.length) continue;
    const g = h('optgroup');
    g.label = tr(lang, CATEGORY_NAMES[c]);
    for (const l of list) g.appendChild(h('option', { value: l.id }, `${tr(lang, l.names)} (${l.id})`));
    select.appendChild(g);
  }
  const body = h('div', { class: 'll-entry' });
  wrap.append(h('header', { class: 'll-head' }, h('h1', { class: 'll-name' }, t(lang, 'explorer')), h('label', { class: 'll-pick' }, `${t(lang, 'pickLoss')} `, select)), body);
  let done: Promise<void> = Promise.resolve();
  const show = (loss: AnyLoss, given: Record<string, unknown> | undefined): void => {
    clear(body);
    charts.length = 0;
    root.setAttribute('data-state', 'rendering');
    const ctx: ReportContext = { lang, host, tex: [], status: h('div'), charts, pending: [], gate: afterPaint(), width: Math.max(480, Math.min(1100, root.clientWidth || 900)) };
    let params: Record<string, unknown>;
    try {
      params = resolveParams(loss.params, given, null, loss.id) as Record<string, unknown>;
    } catch {
      params = resolveParams(loss.params, undefined, null, loss.id) as Record<string, unknown>;
    }
    body.appendChild(h('div', { class: 'll-sub' },
      h('span', { class: 'll-tag' }, tr(lang, CATEGORY_NAMES[loss.category])),
      loss.pytorch ? h('code', { class: 'll-code' }, loss.pytorch) : null,
      host.insertSnippet && hasSnippet(loss.id) ? button(t(lang, 'insertSnippet'), () => host.insertSnippet!(loss.id), 'll-button ll-small') : null));
    if (!loss.pytorch && loss.source) body.appendChild(h('div', { class: 'll-source ll-muted' }, `${t(lang, 'sourceLabel')}: ${tr(lang, loss.source)}`));
    const symbolic = formulaCard(ctx, loss, null);
    body.appendChild(symbolic);
    const docs = h('dl', { class: 'll-params' });
    for (const [k, spec] of Object.entries(loss.params) as [string, { doc: { en: string; 'zh-cn': string }; allowed: { en: string; 'zh-cn': string } }][]) {
      docs.append(h('dt', null, h('code', null, k), h('span', { class: 'll-muted' }, ` — ${tr(lang, spec.allowed)}`)), h('dd', null, tr(lang, spec.doc)));
    }
    if (docs.childElementCount) body.appendChild(h('section', { class: 'll-card' }, h('h2', null, t(lang, 'params')), docs));
    const plots = h('section', { class: 'll-card' }, h('h2', null, t(lang, 'plots')), curvesSection(loss, params, null, ctx));
    const cmp = compareSection(loss, ctx);
    if (cmp) plots.appendChild(cmp);
    body.appendChild(plots);
    done = Promise.all([loadKatex(), loadVega(), flushTex(ctx), ...ctx.pending]).then(() => mathFontsSettled(root)).then(() => {
      const ms = performance.now() - t0;
      root.setAttribute('data-state', 'rendered');
      host.rendered?.(ms, true);
    });
  };
  const initial = (state?.loss && findLoss(state.loss)) || LOSSES[0];
  if (!initial) {
    root.appendChild(errorView({ code: 'unknown_loss', message: both('emptyCatalogue') }, lang));
    return { ok: false, charts, done };
  }
  select.value = initial.id;
  select.addEventListener('change', () => {
    const l = findLoss(select.value);
    if (l) {
      show(l, undefined);
      onState?.({ loss: l.id });
    }
  });
  show(initial, state?.params as Record<string, unknown> | undefined);
  return { ok: true, charts, get done() { return done; } };
}
