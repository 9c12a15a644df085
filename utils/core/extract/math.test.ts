// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { extractDraft } from './extract-draft';
import { makePage, NOW } from '../../../test/helpers/page';

const formula = (display: boolean) =>
  `<mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML"${display ? ' display="true"' : ''}>` +
  '<mjx-math class="MJX-TEX" aria-hidden="true"><mjx-mi><mjx-c class="mjx-c1D44E"></mjx-c></mjx-mi></mjx-math>' +
  '<mjx-assistive-mml unselectable="on"><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>a</mi><mo>≠</mo><mn>0</mn></math></mjx-assistive-mml>' +
  '</mjx-container>';

describe('MathJax formulas', () => {
  it('keep their MathML in place of the rendered glyphs', () => {
    const prose = 'The quadratic formula gives both roots of any second degree polynomial equation. '.repeat(5);
    const { doc, win } = makePage(
      `<!doctype html><html lang="en"><head><title>Samples</title></head><body><article><h1>Samples</h1>` +
        `<p>${prose}</p><p>When ${formula(false)}, there are two solutions.</p>${formula(true)}<p>${prose}</p></article></body></html>`,
    );
    const result = extractDraft(doc, win, { mode: 'article', now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const html = result.draft.contentHtml;
    expect(html).toContain('<p>When <math xmlns="http://www.w3.org/1998/Math/MathML"><mi>a</mi><mo>≠</mo><mn>0</mn></math>, there are two solutions.</p>');
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
    expect(html).not.toContain('mjx-');
  });
});
