import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FILTERS } from './template-filters';
import { checkTemplate, DEFAULT_TEMPLATE, renderTemplate, TEMPLATE_HELP, TemplateError, type CustomTemplate } from './template';
import { VARIABLES } from './template-values';
import { makeClip, NOW } from '../../../test/helpers/clips';
import { testParser } from '../../../test/helpers/parser';

const render = (text: string, clip = makeClip(), extra: Partial<CustomTemplate> = {}) =>
  renderTemplate({ text, fileName: 'x.md', ...extra }, clip, { parser: testParser, now: NOW }).text;

const nasty = makeClip({ title: 'He said: "yes" \\o/ #1', byline: '- dash', tags: ['a, b', 'null', '[x]'] });

function frontMatter(text: string): unknown {
  const match = /^---\n([\s\S]*?)---\n/.exec(text);
  expect(match).not.toBeNull();
  return parse(match?.[1] ?? '', { version: '1.1' });
}

describe('renderTemplate: variables and filters', () => {
  it('substitutes variables with their filters', () => {
    expect(render('{{title}} by {{author}} on {{published|date:"YYYY-MM-DD HH:mm"}} [{{tags|join:"; "}}] {{site|upper}}')).toBe(
      'A story by Jane Writer on 2024-05-01 08:00 [saved] EXAMPLE NEWS',
    );
    expect(render('{{clipped|date:"D/M/YY [at] H:mm:ss.SSS Z"}} {{date}} {{clipped|date:"X"}}')).toBe(
      '2/5/24 at 9:30:00.000 +00:00 2024-05-01T08:00:00.000Z 1714642200',
    );
  });

  it('gives empty for unknown values, and default fills them', () => {
    const clip = makeClip({ byline: undefined, publishedAt: undefined, excerpt: undefined });
    expect(render('[{{byline}}] [{{published|date:"YYYY"}}] [{{excerpt|default:"none"}}] [{{author}}]', clip)).toBe(
      '[] [] [none] [Example News]',
    );
  });

  it('slugs, truncates, replaces and escapes', () => {
    const clip = makeClip({ title: 'Hello, World! 你好 “世界”' });
    expect(render('{{title|slug}}|{{title|truncate:5,"…"}}|{{title|replace:"o","0"}}', clip)).toBe('hello-world-你好-世界|Hello…|Hell0, W0rld! 你好 “世界”');
    expect(render('{{title|html}} {{title|json}} {{tags|json}}', makeClip({ title: '<a & "b">' }))).toBe(
      '&lt;a &amp; &quot;b&quot;&gt; "<a & \\"b\\">" ["saved"]',
    );
    expect(render('# {{title|markdown}}', makeClip({ title: '*not* [a] link' }))).toBe('# \\*not\\* \\[a\\] link');
  });

  it('writes a string literal, the way to get {{ itself', () => {
    expect(render('{{ "{{" }} raw {{ \'}}\' }}')).toBe('{{ raw }}');
  });

  it('converts the body to Markdown for the target', () => {
    const clip = makeClip({ contentHtml: '<p>a_b {{ x }}</p>' });
    expect(render('{{body_markdown}}', clip)).toBe('a\\_b {{ x }}');
    expect(render('{{body_markdown}}', clip, { target: 'jekyll' })).toBe('a\\_b {{ "{{" }} x }}');
    expect(render('{{body}}', clip)).toBe('<p>a_b {{ x }}</p>');
  });

  it('protects inserted values, not the template, from Liquid and Hugo', () => {
    const clip = makeClip({ title: '{{ t }} {% x %} {{< y >}}' });
    expect(render('{% include a.html %} {{title}}', clip, { target: 'jekyll' })).toBe(
      '{% include a.html %} {{ "{{" }} t }} {{ "{%" }} x %} {{ "{{" }}< y >}}',
    );
    expect(render('{{ "{{" }}< s >}} {{title}}', clip, { target: 'hugo' })).toBe('{{< s >}} {{ t }} {% x %} &#123;{< y >}}');
  });
});

describe('renderTemplate: front matter', () => {
  it('quotes every value whatever the user wrote around it', () => {
    const text = render(
      ['---', 'a: {{title}}', 'b: "{{title}}"', "c: '{{title}}'", 'd: Re: {{title}}!', 'e: {{byline}}', 'f: {{note}}', '---', 'body'].join('\n'),
      nasty,
    );
    expect(frontMatter(text)).toEqual({
      a: nasty.title,
      b: nasty.title,
      c: nasty.title,
      d: `Re: ${nasty.title}!`,
      e: '- dash',
      f: '',
    });
    expect(text.endsWith('---\nbody')).toBe(true);
  });

  it('writes lists as YAML lists, as items, and inside brackets', () => {
    const text = render(['---', 'tags: {{tags}}', 'list:', '  - {{tags}}', '  - fixed', 'mixed: [ clip, "{{site}}", {{tags}} ]', 'empty: {{keywords|first|default:""}}', '---', ''].join('\n'), nasty);
    expect(frontMatter(text)).toEqual({
      tags: ['a, b', 'null', '[x]'],
      list: ['a, b', 'null', '[x]', 'fixed'],
      mixed: ['clip', 'Example News', 'a, b', 'null', '[x]'],
      empty: 'politics',
    });
  });

  it('writes times and ISO dates plain, other dates as strings', () => {
    const text = render(['---', 'date: {{date}}', 'day: {{published|date:"YYYY-MM-DD"}}', 'words: {{published|date:"DD.MM.YYYY"}}', 'none: {{modified}}', '---', ''].join('\n'));
    expect(text).toContain('date: 2024-05-01T08:00:00.000Z\nday: 2024-05-01\n');
    expect(frontMatter(text)).toMatchObject({ words: '01.05.2024', none: '' });
  });

  it('copies lines without values as written, and refuses values where YAML cannot take them', () => {
    expect(render('---\n# comment\nlayout: post\n---\n')).toBe('---\n# comment\nlayout: post\n---\n');
    expect(() => render('---\n{{title}}: x\n---\n')).toThrow(/line 2, column 1: in front matter/);
    expect(() => render('---\nsummary: |\n  {{excerpt}}\n---\n')).toThrow(/line 3, column 3/);
    expect(() => render('---\ntitle: {{title}}\n')).toThrow(/never closed/);
  });
});

describe('renderTemplate: file names', () => {
  const name = (fileName: string, clip = nasty) => renderTemplate({ text: '', fileName }, clip, { now: NOW }).path;

  it('makes folders only from the template and from date formats', () => {
    expect(name('_posts/{{date|date:"YYYY/MM"}}/{{title}}.md')).toBe('_posts/2024/05/He said_ _yes_ _o-- #1.md');
    expect(name('../{{title|slug}}.md')).toBe('he-said-yes-o-1.md');
    expect(name('a\\b/{{id}}.md')).toBe('a_b/clip-1.md');
  });

  it('refuses a name that comes out empty', () => {
    expect(() => name('{{byline}}', makeClip({ byline: undefined }))).toThrow(TemplateError);
  });
});

describe('checkTemplate and errors', () => {
  it('reports unknown variables and filters with line, column and a suggestion', () => {
    const [error] = checkTemplate({ text: 'ok\n  {{ titel }}', fileName: 'x' });
    expect(error).toBeInstanceOf(TemplateError);
    expect(error?.message).toBe('Template, line 2, column 6: unknown variable "titel" (did you mean "title"?)');
    expect(error).toMatchObject({ part: 'text', line: 2, column: 6 });
    expect(checkTemplate({ text: '{{title|uper}}', fileName: '{{date|date:1,2}}' }).map((e) => e.message)).toEqual([
      'Template, line 1, column 9: unknown filter "uper" (did you mean "upper"?)',
      'File name, line 1, column 8: filter "date" takes 0 to 1 arguments (date:"YYYY-MM-DD")',
    ]);
  });

  it('reports syntax mistakes and filters used on the wrong kind of value', () => {
    const messages = (text: string) => checkTemplate({ text, fileName: 'x' }).map((e) => e.message);
    expect(messages('a {{title')).toEqual(['Template, line 1, column 3: this {{ is never closed with }}']);
    expect(messages('{{ }}')).toEqual(['Template, line 1, column 4: empty {{ }}']);
    expect(messages('{{title|date}}')).toEqual([
      'Template, line 1, column 9: date needs a time (date, published, modified, clipped, updated)',
    ]);
    expect(messages('{{title|truncate:"x}}')).toEqual(['Template, line 1, column 18: this text has no closing quote']);
  });

  it('accepts the default template and the help example', () => {
    expect(checkTemplate(DEFAULT_TEMPLATE)).toEqual([]);
    expect(checkTemplate({ text: TEMPLATE_HELP.example, fileName: 'x.md' })).toEqual([]);
  });

  it('documents every variable and filter', () => {
    expect(TEMPLATE_HELP.variables.map((v) => v.name)).toEqual(VARIABLES.map((v) => v.name));
    expect(TEMPLATE_HELP.filters.map((f) => f.name).sort()).toEqual([...FILTERS.keys()].sort());
    for (const v of VARIABLES) expect(() => render(`{{${v.name}}}`)).not.toThrow();
  });
});

describe('DEFAULT_TEMPLATE', () => {
  it('gives a Jekyll post whose front matter reads back', () => {
    const file = renderTemplate(DEFAULT_TEMPLATE, nasty, { parser: testParser, now: NOW });
    expect(file.path).toBe('_posts/2024-05-01-He said_ _yes_ _o-- #1.md');
    expect(frontMatter(file.text)).toMatchObject({ layout: 'post', title: nasty.title, author: '- dash', tags: nasty.tags });
  });
});

describe('renderTemplate: {{note}}', () => {
  const note = 'Line one: "check" #1\nline two';
  it('gives the note as one YAML string in front matter and as written in the body', () => {
    const text = render('---\nnote: {{note}}\n---\n{{note}}\n', makeClip({ note }));
    expect(frontMatter(text)).toEqual({ note });
    expect(text.endsWith(`---\n${note}\n`)).toBe(true);
  });

  it('is empty without a note, so default fills it', () => {
    expect(render('[{{note}}] {{note|default:"none"}}', makeClip({ note: undefined }))).toBe('[] none');
  });

  it('is documented with the other variables and used in the help example', () => {
    expect(TEMPLATE_HELP.variables.find((v) => v.name === 'note')?.description).toMatch(/note/i);
    expect(TEMPLATE_HELP.example).toContain('{{note}}');
  });
});
