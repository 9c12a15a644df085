import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classify, KNOWN } from './web-ext-lint';

// The web-ext lint gate: known bundled-library findings pass, anything else fails.

const dir = mkdtempSync(join(tmpdir(), 'web-ext-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Minified shapes as they appear in our Firefox builds (names as the bundler gives them).
const BUNDLED = [
  'var me=t.createElement(`DIV`);for(me.id=`readability-page-1`,me.className=`page`;k.firstChild;)me.appendChild(k.firstChild);k.appendChild(me)}var he=!0,ge=this._getInnerText(k,!0).length;if(ge<this._charThreshold){if(he=!1,e.innerHTML=r,this._attempts.push({articleContent:k,textLength:ge})',
  'this._forEachNode(n,function(t){if(this._isSingleImage(t)){var n=e.createElement(`div`);n.innerHTML=t.innerHTML;var r=t.previousElementSibling',
  'if(!t||!t.documentElement){t=ce.createDocument($t,`template`,null);try{t.documentElement.innerHTML=en?E:i}catch{}}',
  'd==`dangerouslySetInnerHTML`?f=b:d==`value`?x=b:0;f?(c||m&&(f.__html==m.__html||f.__html==e.innerHTML)||(e.innerHTML=f.__html),n.__k=[])',
];
// Our own parseBody as it once was (a template's innerHTML): no longer excused.
const OUR_OLD_PARSE_BODY =
  'n||(n=e.parseFromString(``,`text/html`),Xn.set(e,n));let r=n.createElement(`template`);return r.innerHTML=t,{root:r.content,html:()=>r.innerHTML}}';

function finding(file: string, text: string, marker: string) {
  writeFileSync(join(dir, file), text);
  return { code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe assignment to innerHTML', file, line: 1, column: text.lastIndexOf(marker) };
}

describe('the web-ext lint allow-list', () => {
  it('recognises each known bundled finding', () => {
    const findings = BUNDLED.map((text, i) => finding(`known-${i}.js`, text, 'innerHTML='));
    const { known, unknown } = classify(dir, findings);
    expect(unknown).toEqual([]);
    expect(new Set(known.map(([, k]) => k.source)).size).toBe(KNOWN.length);
  });

  it('fails a new innerHTML assignment of our own, and another kind of warning in known code', () => {
    const ours = finding('new.js', 'function show(e,t){const n=document.getElementById(`out`);n.innerHTML=t.title}', 'innerHTML=');
    const otherCode = { ...finding('other.js', BUNDLED[0]!, 'innerHTML='), code: 'UNSAFE_VAR_ASSIGNMENT_OUTERHTML' };
    const oldParseBody = finding('old-parse-body.js', OUR_OLD_PARSE_BODY, 'innerHTML=');
    const { unknown } = classify(dir, [ours, otherCode, oldParseBody]);
    expect(unknown).toEqual([ours, otherCode, oldParseBody]);
  });

  it('keeps the Preact entry honest: no component uses dangerouslySetInnerHTML', () => {
    const files = (root: string): string[] =>
      readdirSync(root).flatMap((name) => (statSync(join(root, name)).isDirectory() ? files(join(root, name)) : [join(root, name)]));
    const sources = [...files('components'), ...files('entrypoints')].filter((f) => /\.(tsx?|jsx?)$/.test(f));
    expect(sources.length).toBeGreaterThan(5);
    expect(sources.filter((f) => readFileSync(f, 'utf8').includes('dangerouslySetInnerHTML'))).toEqual([]);
  });
});
