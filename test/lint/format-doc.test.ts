import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/FORMAT.md is the project's copy of the shared specification (../shared/docs/FORMAT.md, where
// it came from). The two are kept in step: when the shared copy changes, this fails until the
// project's copy (and the code it specifies) follows.

const SHARED = '../shared/docs/FORMAT.md';
const present = existsSync(SHARED);
if (!present && process.env.CI) throw new Error(`${SHARED} is missing: in CI the shared specification must be beside the project.`);

describe.skipIf(!present)('docs/FORMAT.md', () => {
  it('is the shared specification, word for word', () => {
    expect(readFileSync('docs/FORMAT.md', 'utf8')).toBe(readFileSync(SHARED, 'utf8'));
  });
});

describe('docs/FORMAT.md in the repo', () => {
  it('specifies the rule for colons in categories', () => {
    expect(readFileSync('docs/FORMAT.md', 'utf8')).toMatch(/In `categories` \(not in `tags`\) a colon with the spaces around it becomes ` - `/);
  });
});
