/** A Markdown table with padded columns, as docs/benchmark.md shows the benchmark's results. */
export function markdownTable(rows: string[][]): string {
  const [header = [], ...body] = rows;
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]) =>
    `| ${header.map((_, i) => (r[i] ?? '').padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    fmt(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(fmt),
  ].join('\n');
}
