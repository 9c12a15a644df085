// Imported bodies become stored bodies exactly as clipped ones do: sanitized with the one
// sanitizer policy, then normalised to the stored one-line form (FORMAT.md "Body").

import { storedBody } from '../extract/normalize-body';

export interface StoredBody {
  html: string;
  textLength: number;
}

/** Turns untrusted HTML into a stored body; `baseUrl` resolves its relative links. */
export type BodyPreparer = (html: string, baseUrl: string) => StoredBody;

/** The preparer for an extension page (`window`), or for tests (a jsdom window). */
export function bodyPreparer(win: Window): BodyPreparer {
  return (html, baseUrl) => storedBody(html, win, baseUrl);
}
