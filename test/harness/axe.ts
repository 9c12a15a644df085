import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// axe-core in a real browser page, whichever driver holds it (Playwright's or puppeteer's page both
// evaluate a string). The source is evaluated through the driver's debugging channel, which the
// extension pages' CSP (`script-src 'self'`) does not apply to, so nothing is added to the build.

const require = createRequire(import.meta.url);
let source: string | undefined;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeViolation {
  id: string;
  impact: Impact;
  help: string;
  /** The CSS selectors of the offending nodes, with axe's summary of what is wrong with each. */
  nodes: { target: string; summary: string }[];
}

/** What a driver's page can do for the audit. */
export interface Evaluates {
  evaluate(expression: string): Promise<unknown>;
}

/** Violations that fail the suite. */
export const BLOCKING: readonly Impact[] = ['serious', 'critical'];

/**
 * Runs axe on the page as it is now. Frames are not entered: the only one is the preview's,
 * which holds the clipped article (not the extension's markup) and runs no script at all
 * (sandbox=""), so axe could not be injected there anyway.
 */
export async function audit(page: Evaluates): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(`${axeSource()}\n;void 0`);
  const json = (await page.evaluate(`(async () => {
    const result = await axe.run(document, { iframes: false, resultTypes: ['violations'] });
    return JSON.stringify(result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
    })));
  })()`)) as string;
  return JSON.parse(json) as AxeViolation[];
}

/** One line per violation, for a failing test's message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id} (${v.nodes.length}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`).join('\n')}`)
    .join('\n');
}
