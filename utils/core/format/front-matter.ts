// Front matter lines for the presets. Every value that comes from a clip goes through the YAML
// quoting of yaml.ts, so it reads back as the same string under YAML 1.1 (Jekyll) and 1.2 (Hugo,
// Obsidian, most tools); only timestamps we generate ourselves are written plain, on purpose, so
// the site generators read them as dates.

import { readDoubleQuoted, yamlDoubleQuoted, yamlFlowItem, yamlScalar } from './yaml';

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

/**
 * The value of the first front matter line `key: value` whose key is one of `keys`, read as a
 * one-line YAML scalar (plain, single- or double-quoted): enough for the lines our presets write,
 * without parsing YAML for every file in a folder. Undefined when the post has no front matter,
 * no such line, or a value that does not read.
 */
export function frontMatterValue(post: string, keys: readonly string[]): string | undefined {
  const lines = post.replace(/^\ufeff/, '').split(/\r?\n/);
  if (lines[0] !== '---') return undefined;
  for (const line of lines.slice(1)) {
    if (line === '---') return undefined;
    const colon = line.indexOf(':');
    if (colon === -1 || !keys.includes(line.slice(0, colon))) continue;
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (value.startsWith('"')) return readDoubleQuoted(value);
    if (value.startsWith("'")) return /^'((?:[^']|'')*)'/.exec(value)?.[1]?.replace(/''/g, "'");
    // A plain scalar ends at a comment.
    return value.replace(/[ \t]+#.*$/, '');
  }
  return undefined;
}
