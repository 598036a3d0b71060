/** The renderer's own strings in both languages the product ships, keyed. The catalogue's strings come from the core. */
import type { Localized } from '../core/localized.js';

const STRINGS = {
  loading: { en: 'Loading…', 'zh-cn': '加载中…' },
  empty: { en: 'No report yet: select numbers in an editor and run “Loss Lens: Evaluate Loss on Selection”.', 'zh-cn': '暂无报告：在编辑器中选中数字，然后运行“Loss Lens: 在选区上计算损失”。' },
  invalidPayload: { en: 'Loss Lens cannot show this payload', 'zh-cn': 'Loss Lens 无法显示此数据' },
  field: { en: 'Field', 'zh-cn': '字段' },
  expected: { en: 'Expected', 'zh-cn': '期望' },
  formula: { en: 'Formula', 'zh-cn': '公式' },
  derivative: { en: 'Derivative', 'zh-cn': '导数' },
  worked: { en: 'Worked example', 'zh-cn': '计算过程' },
  showMore: { en: 'Show {n} more', 'zh-cn': '再显示 {n} 个' },
  ofTotal: { en: '{shown} of {total} shown', 'zh-cn': '已显示 {shown} / {total}' },
  values: { en: 'Values', 'zh-cn': '数值' },
  value: { en: 'Value', 'zh-cn': '值' },
  reduced: { en: 'Loss ({reduction})', 'zh-cn': '损失（{reduction}）' },
  perSample: { en: 'Unreduced loss', 'zh-cn': '未归约的损失' },
  gradient: { en: 'Gradient ∂L/∂{name}', 'zh-cn': '梯度 ∂L/∂{name}' },
  intermediates: { en: 'Intermediates', 'zh-cn': '中间量' },
  shape: { en: 'shape', 'zh-cn': '形状' },
  rows: { en: 'rows {from}–{to} of {total}', 'zh-cn': '第 {from}–{to} 行，共 {total} 行' },
  cols: { en: 'columns {from}–{to} of {total}', 'zh-cn': '第 {from}–{to} 列，共 {total} 列' },
  prev: { en: 'Previous', 'zh-cn': '上一页' },
  next: { en: 'Next', 'zh-cn': '下一页' },
  prevCols: { en: '← Columns', 'zh-cn': '← 列' },
  nextCols: { en: 'Columns →', 'zh-cn': '列 →' },
  plots: { en: 'Curves', 'zh-cn': '曲线' },
  lossCurve: { en: 'Loss', 'zh-cn': '损失' },
  gradCurve: { en: 'Gradient', 'zh-cn': '梯度' },
  yourPoints: { en: 'your data', 'zh-cn': '你的数据' },
  current: { en: 'current', 'zh-cn': '当前' },
  compare: { en: 'Comparison', 'zh-cn': '对比' },
  compareNote: { en: 'The losses of this family on one axis, each at its default parameters.', 'zh-cn': '同类损失画在同一坐标轴上，各取默认参数。' },
  heatmaps: { en: 'Per-pixel view', 'zh-cn': '逐像素视图' },
  prediction: { en: 'Prediction', 'zh-cn': '预测' },
  target: { en: 'Target', 'zh-cn': '目标' },
  gradHeat: { en: 'Gradient', 'zh-cn': '梯度' },
  copyLatex: { en: 'Copy LaTeX', 'zh-cn': '复制 LaTeX' },
  copyCsv: { en: 'Copy CSV', 'zh-cn': '复制 CSV' },
  copyJson: { en: 'Copy JSON', 'zh-cn': '复制 JSON' },
  saveSvg: { en: 'Save SVG', 'zh-cn': '保存 SVG' },
  savePng: { en: 'Save PNG', 'zh-cn': '保存 PNG' },
  insertSnippet: { en: 'Insert verified snippet', 'zh-cn': '插入已验证的代码片段' },
  copied: { en: 'Copied.', 'zh-cn': '已复制。' },
  saved: { en: 'Saved.', 'zh-cn': '已保存。' },
  failed: { en: 'Failed: {detail}', 'zh-cn': '失败：{detail}' },
  nonFinite: { en: 'Non-finite values: check the inputs (log of 0, overflow).', 'zh-cn': '存在非有限值：请检查输入（log 0、溢出）。' },
  mismatch: { en: 'The report’s {what} differs from what this Loss Lens computes: the report may be stale.', 'zh-cn': '报告中的{what}与当前 Loss Lens 的计算结果不一致：报告可能已过时。' },
  reset: { en: 'Reset', 'zh-cn': '重置' },
  params: { en: 'Parameters', 'zh-cn': '参数' },
  pytorch: { en: 'PyTorch', 'zh-cn': 'PyTorch' },
  sourceLabel: { en: 'Source', 'zh-cn': '出处' },
  explorer: { en: 'Loss Explorer', 'zh-cn': '损失函数浏览器' },
  pickLoss: { en: 'Loss', 'zh-cn': '损失函数' },
  renderError: { en: 'This part could not be drawn: {detail}', 'zh-cn': '此部分无法绘制：{detail}' },
  staleTitle: { en: 'The last evaluation failed: this report is from an earlier one.', 'zh-cn': '最近一次计算失败：下面的报告来自更早的一次计算。' },
  notJson: { en: 'The output is not valid JSON: {detail}', 'zh-cn': '此输出不是有效的 JSON：{detail}' },
  emptyCatalogue: { en: 'The catalogue is empty.', 'zh-cn': '损失目录为空。' },
  index: { en: 'index', 'zh-cn': '索引' },
  reductionLine: { en: 'reduction', 'zh-cn': '归约' },
  slice: { en: 'slice {index}', 'zh-cn': '切片 {index}' },
} satisfies Record<string, Localized>;

export type StringKey = keyof typeof STRINGS;

export type Lang = 'en' | 'zh-cn';

export function langOf(locale: string | undefined): Lang {
  return (locale ?? '').toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** A string of this table in both languages, for an error that carries a Localized message. */
export function both(key: StringKey, vars: Record<string, string | number> = {}): Localized {
  return { en: t('en', key, vars), 'zh-cn': t('zh-cn', key, vars) };
}

export function tr(lang: Lang, text: Localized): string {
  return text[lang];
}

/** Both tables have the same keys (checked by the tests, which read this). */
export const ALL_STRINGS: Readonly<Record<string, Localized>> = STRINGS;
