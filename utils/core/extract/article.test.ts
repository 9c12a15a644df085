import { describe, expect, it } from 'vitest';
import { unwrapForms } from './article';
import { makePage } from '../../../test/helpers/page';

describe('unwrapForms', () => {
  it('turns every form (nested ones too) into a div holding the same nodes, in place', () => {
    const { doc } = makePage('<body><p>Before</p><form id="f" action="/x"><label>Name <input name="parentNode"></label><p>Text</p></form><p>After</p></body>');
    // The HTML parser never nests forms; a script can.
    const inner = doc.createElement('form');
    inner.innerHTML = '<input name="nextElementSibling">Inner';
    doc.getElementById('f')!.append(inner);
    unwrapForms(doc);
    expect(doc.querySelector('form')).toBeNull();
    expect(doc.body.innerHTML).toBe(
      '<p>Before</p><div><label>Name <input name="parentNode"></label><p>Text</p><div><input name="nextElementSibling">Inner</div></div><p>After</p>',
    );
  });

  it('leaves a page without forms as it was', () => {
    const { doc } = makePage('<body><article><p>Plain</p></article></body>');
    unwrapForms(doc);
    expect(doc.body.innerHTML).toBe('<article><p>Plain</p></article>');
  });
});
