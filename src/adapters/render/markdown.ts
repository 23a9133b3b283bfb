/** A GitHub-flavoured Markdown table; pipes and newlines in cells are escaped. */
export function markdownTable(head: string[], rows: string[][], align?: Array<'left' | 'right'>): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rule = head.map((_, i) => (align?.[i] === 'right' ? '---:' : '---'));
  return [head, rule, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(esc)).join(' | ')} |`).join('\n') + '\n';
}
