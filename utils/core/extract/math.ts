// MathJax 3 draws each formula as an <mjx-container> of glyph boxes (CSS art with no text) next to
// an assistive MathML copy. Readability drops the containers (MathJax's "CtxtMenu_Attached" class
// reads to it as a menu), and the glyphs mean nothing without MathJax's CSS: the MathML copy is
// the formula, so it takes the container's place. Runs on the clone only.

export function keepMathJaxFormulas(doc: Document): void {
  for (const container of [...doc.querySelectorAll('mjx-container')]) {
    const math = container.querySelector('mjx-assistive-mml math') ?? container.querySelector('math');
    if (!math) continue;
    if (container.getAttribute('display') === 'true') math.setAttribute('display', 'block');
    container.replaceWith(math);
  }
}
