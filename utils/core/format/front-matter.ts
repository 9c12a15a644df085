// Front matter lines for the presets. Every value that comes from a clip goes through the YAML
// quoting of yaml.ts, so it reads back as the same string under YAML 1.1 (Jekyll) and 1.2 (Hugo,
// Obsidian, most tools); only timestamps we generate ourselves are written plain, on purpose, so
// the site generators read them as dates.

import { yamlDoubleQuoted, yamlFlowItem, yamlScalar } from './yaml';

/** `[ a, b ]` (the archive post's spacing), or `[ ]` for none. */
export function flowList(items: readonly string[]): string {
  return items.length === 0 ? '[ ]' : `[ ${items.map(yamlFlowItem).join(', ')} ]`;
}

/** `key:` followed by `  - item` lines (Obsidian's own list style), or `key: []` for none. */
export function blockList(key: string, items: readonly string[]): string[] {
  if (items.length === 0) return [`${key}: []`];
  return [`${key}:`, ...items.map((item) => `  - ${yamlScalar(item)}`)];
}

export const scalarLine = (key: string, value: string) => `${key}: ${yamlScalar(value)}`;
export const quotedLine = (key: string, value: string) => `${key}: ${yamlDoubleQuoted(value)}`;

/** The block between `---` lines, ending with a newline. */
export function frontMatter(lines: readonly string[]): string {
  return `---\n${lines.join('\n')}\n---\n`;
}
