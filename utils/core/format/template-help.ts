// The documentation of the template language, as data: the options page renders it as tables next
// to the editor, and the tests check it names every variable and filter the engine knows.

import { FILTER_INFO, type FilterInfo } from './template-filters';
import { VARIABLES, type VariableInfo } from './template-values';

export interface TemplateHelp {
  variables: readonly VariableInfo[];
  filters: readonly FilterInfo[];
  /** The rules, one sentence each. */
  rules: readonly string[];
  example: string;
}

export const TEMPLATE_HELP: TemplateHelp = {
  variables: VARIABLES,
  filters: FILTER_INFO,
  rules: [
    'Write a value as {{name}}; add filters with |, e.g. {{published|date:"YYYY-MM-DD"}} or {{title|slug}}. Arguments are "quoted text" or numbers, separated by commas.',
    'A template may start with front matter: a first line ---, lines of key: value, and a closing --- line.',
    'In front matter the engine writes every value as YAML itself: `title: {{title}}`, `title: "{{title}}"` and `title: Clip – {{title}}` all give one correctly quoted string, whatever the title holds. Do not add escapes of your own.',
    'In front matter a list value ({{tags}}, {{keywords}}) written alone after a key gives a list [ a, b ]; after `- ` it gives one `- item` line per item; inside [ … ] its items join the others.',
    'In front matter a time ({{date}}, {{published}}…) alone, or a date filter giving YYYY-MM-DD or an ISO date-time, is written as a plain YAML timestamp so site generators read a date; every other value is a string.',
    'In front matter {{ }} may only stand in a value (after `key:` or `- `), not in a key, a comment or a multi-line block.',
    'Unknown values are empty: {{byline|default:"Staff"}} gives a fallback. A value with no front matter quoting (the body) is inserted as it is: use |markdown to escape it as Markdown text, |html for HTML.',
    'With the Jekyll target every inserted value is protected from Liquid ({{ and {% are written so Jekyll prints them); with the Hugo target, from shortcodes. Your own template text is left as you wrote it.',
    'Times are formatted in UTC. Lists read as text are joined with ", ".',
    'The file name is a path: / in your text makes folders; a / inside a value (a title) becomes --, and characters file systems refuse become _. A date format may make folders: {{date|date:"YYYY/MM"}}.',
    'To write {{ itself, use a quoted text: {{ "{{" }}.',
    'A mistake (an unknown value or filter, a missing }}) is reported with its line and column.',
  ],
  example: [
    '---',
    'title: {{title}}',
    'source: {{url}}',
    'author: {{byline|default:"Staff"}}',
    'published: {{published|date:"YYYY-MM-DD"}}',
    'tags: [ clipping, {{tags}} ]',
    'note: {{note}}',
    '---',
    '',
    '# {{title|markdown}}',
    '',
    '{{body_markdown}}',
  ].join('\n'),
};
