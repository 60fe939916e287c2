/**
 * Past disagreements with PyYAML SafeLoader (issue 11's differential run and the generated test),
 * kept as fixed regression cases: each must agree on accept/reject, problem line and column.
 */
export const REGRESSIONS: readonly string[] = [
  // False rejections.
  'metric_batch: "gsod"#note\n',
  'k: [a]#c\n',
  "k: 'v'#c\n",
  'q: "select\nfrom t"\n',
  'q: "select\n\tfrom t"\n',
  "q: 'select\n  from t'\nx: 1\n",
  'metric_tags: [a,\nb]\n',
  'k: {a: 1,\nb: 2}\n',
  'k: [-]\n',
  'k: {k: -}\n',
  'k: !<!> v\n',
  'a: 1\n...\n...\n',
  `${'😀'.repeat(1000)}: v\n`,
  // False accepts.
  'metric_batch: x\n\ufeffdb: y\n',
  'k: [:a]\n',
  'k: [?a]\n',
  '%TAG !e! x\n%TAG !e! y\n---\na: 1\n',
  '%TAG e! x\n---\na: 1\n',
  'a: &a[ v\n',
  `{${'k'.repeat(1030)}: v}\n`,
  '...\n',
  // Shapes and positions.
  '!!set {a, b}\n',
  'a\nb: c\n',
  'k: "x\n',
  'k: !foo!bar x\n',
  'a: &é v\n',
  '😀😀: a: b\n',
  'a:\n  b: 1\n c: 2\n'
]
