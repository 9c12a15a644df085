// The export presets: one clip in, one file (its path in the preset's layout, and its text) out.

import { archivePost, archivePostFileName, cleanTitle, jekyllCategory, postTags } from './archive-post';
import { isoDay } from './dates';
import { safeSegment } from './file-names';
import { blockList, flowList, frontMatter, quotedLine, scalarLine } from './front-matter';
import type { HtmlParser } from './html-parser';
import { destination, htmlToMarkdown, type MarkdownTarget } from './markdown';
import { escapeLabel } from './markdown-escape';
import { archiveInput, postFields, type ExportClip } from './post-fields';
import { renderTemplate, renderTemplatePath, type CustomTemplate } from './template';

export type { ExportClip } from './post-fields';

export type PresetId = 'archive' | 'jekyll' | 'hugo' | 'obsidian' | 'markdown' | 'custom';

export interface ExportOptions {
  /** The HTML parser for Markdown bodies (`new DOMParser()` in the extension); every preset but the archive post needs it. */
  parser?: HtmlParser;
  /** The user's template: required by the `custom` preset. */
  template?: CustomTemplate;
  /** The clock: a published time after it is not trusted (tests pin it). */
  now?: number;
  /**
   * True when the body's URLs are final: absolute, or relative on purpose (images stored next to
   * the post). By default relative URLs are resolved against the article URL.
   */
  urlsResolved?: boolean;
}

export interface ExportedFile {
  /** Relative path in the preset's layout, e.g. `_posts/2023-06-18-title.md`. */
  path: string;
  text: string;
}

/** Where a zip puts downloaded images, and how a post links to them. */
export interface AssetLayout {
  folder: string;
  link(assetPath: string, postPath: string): string;
}

/** A preset's name and description are in the i18n tables (`preset.<id>.name`, `.about`). */
export interface PresetInfo {
  id: PresetId;
  /** True when the body is Markdown (the export needs an HTML parser). */
  markdown: boolean;
  assets: AssetLayout;
}

// Site generators serve `assets/` (Jekyll) and `static/` (Hugo) at the site root, and posts are
// built to dated folders, so their image links are root-relative. Note apps resolve links from
// the note's own folder.
/** Images in `folder` of the site source, served from the site root without `unserved` (Hugo's `static/`). */
const siteRoot = (folder: string, unserved = ''): AssetLayout => ({
  folder,
  link: (assetPath) => `/${assetPath.slice(unserved.length)}`,
});
const relative: AssetLayout = {
  folder: 'assets',
  link: (assetPath, postPath) => `${'../'.repeat(postPath.split('/').length - 1)}${assetPath}`,
};

export const PRESETS: Readonly<Record<PresetId, PresetInfo>> = {
  archive: {
    id: 'archive',
    markdown: false,
    assets: siteRoot('assets/clips'),
  },
  jekyll: {
    id: 'jekyll',
    markdown: true,
    assets: siteRoot('assets/clips'),
  },
  hugo: {
    id: 'hugo',
    markdown: true,
    assets: siteRoot('static/assets/clips', 'static/'),
  },
  obsidian: {
    id: 'obsidian',
    markdown: true,
    assets: relative,
  },
  markdown: {
    id: 'markdown',
    markdown: true,
    assets: relative,
  },
  custom: {
    id: 'custom',
    markdown: true,
    assets: relative,
  },
};

function markdownBody(clip: ExportClip, target: MarkdownTarget, options: ExportOptions): string {
  if (!options.parser) throw new Error('This preset writes Markdown: pass an HTML parser (new DOMParser()).');
  return htmlToMarkdown(clip.contentHtml, { parser: options.parser, baseUrl: options.urlsResolved ? undefined : clip.url, pageUrls: [clip.url, clip.pageUrl], target });
}

const withBody = (head: string, body: string) => (body === '' ? head : `${head}\n${body}\n`);

/**
 * The user's note as a front matter line (`note:`, last), where the format has properties: the
 * Jekyll post and the Hugo page (their layouts read `page.note`, `.Params.note`) and the Obsidian
 * note (a text property). A note of several lines is one quoted YAML string. None when empty.
 */
function noteLines(clip: ExportClip): string[] {
  const note = clip.note?.trim() ?? '';
  return note === '' ? [] : [scalarLine('note', note)];
}

function jekyllPost(clip: ExportClip, options: ExportOptions, now: number): string {
  const f = postFields(clip, now);
  const head = frontMatter([
    'layout: post',
    quotedLine('title', f.title),
    `date: ${new Date(f.date).toISOString()}`,
    scalarLine('author', f.author),
    scalarLine('from', clip.url),
    `tags: ${flowList(postTags(f.site, f.tags))}`,
    `categories: ${flowList(postTags(jekyllCategory(f.site), []))}`,
    ...noteLines(clip),
  ]);
  return withBody(head, markdownBody(clip, 'jekyll', options));
}

function hugoPage(clip: ExportClip, options: ExportOptions, now: number): string {
  const f = postFields(clip, now);
  const head = frontMatter([
    quotedLine('title', f.title),
    `date: ${new Date(f.date).toISOString()}`,
    ...(f.modified === undefined ? [] : [`lastmod: ${new Date(f.modified).toISOString()}`]),
    'draft: false',
    scalarLine('author', f.author),
    scalarLine('source', clip.url),
    `tags: ${flowList(f.tags)}`,
    `categories: ${flowList([f.site])}`,
    ...noteLines(clip),
  ]);
  return withBody(head, markdownBody(clip, 'hugo', options));
}

/** Obsidian tags cannot hold spaces or start with `#`. */
export function obsidianTag(tag: string): string {
  return tag.replace(/^#+/, '').trim().replace(/\s+/g, '-');
}

function obsidianNote(clip: ExportClip, options: ExportOptions, now: number): string {
  const f = postFields(clip, now);
  const tags = [...new Set(f.tags.map(obsidianTag).filter((t) => t !== ''))];
  // Obsidian's date properties are plain `YYYY-MM-DD`.
  const head = frontMatter([
    quotedLine('title', f.title),
    scalarLine('source', clip.url),
    scalarLine('author', f.author),
    ...(f.published === undefined ? [] : [`published: ${isoDay(f.published)}`]),
    `created: ${isoDay(clip.clippedAt)}`,
    scalarLine('site', f.site),
    ...blockList('tags', tags),
    ...noteLines(clip),
  ]);
  return withBody(head, markdownBody(clip, 'obsidian', options));
}

function plainMarkdown(clip: ExportClip, options: ExportOptions, now: number): string {
  const f = postFields(clip, now);
  const credit = [`[${escapeLabel(f.site, 'gfm')}](${destination(clip.url)})`];
  if (f.author !== f.site) credit.push(escapeLabel(f.author, 'gfm'));
  credit.push(isoDay(f.date));
  const head = `# ${escapeLabel(f.title, 'gfm') || 'Untitled'}\n\n${credit.join(' · ')}\n`;
  return withBody(head, markdownBody(clip, 'gfm', options));
}

/**
 * The archive post the clip was imported from, when the preset writes it as it came: only the
 * archive preset does (any other preset is another format, written from the clip).
 */
export function importedPostFor(clip: ExportClip, preset: PresetId): ExportedFile | undefined {
  return preset === 'archive' && clip.imported ? { path: clip.imported.path, text: clip.imported.text } : undefined;
}

/** The path a preset gives a clip, without converting its body. */
export function exportPath(clip: ExportClip, preset: PresetId, options: ExportOptions = {}): string {
  const now = options.now ?? Date.now();
  const datedName = () => archivePostFileName(archiveInput(clip), now);
  const imported = importedPostFor(clip, preset);
  if (imported) return imported.path;
  switch (preset) {
    case 'archive':
    case 'jekyll':
      return `_posts/${datedName()}`;
    case 'hugo':
      return `content/posts/${datedName()}`;
    case 'obsidian':
      return `Clippings/${safeSegment(cleanTitle(clip.title)) || 'Untitled'}.md`;
    case 'markdown':
      return datedName();
    case 'custom':
      return renderTemplatePath(requireTemplate(options), clip, { now });
  }
}

function requireTemplate(options: ExportOptions): CustomTemplate {
  if (!options.template) throw new Error('The custom preset needs a template.');
  return options.template;
}

const WRITERS: Record<Exclude<PresetId, 'custom'>, (clip: ExportClip, options: ExportOptions, now: number) => string> = {
  archive: (clip, _options, now) => archivePost(archiveInput(clip), now),
  jekyll: jekyllPost,
  hugo: hugoPage,
  obsidian: obsidianNote,
  markdown: plainMarkdown,
};

/** The file a preset makes of one clip. */
export function exportClip(clip: ExportClip, preset: PresetId, options: ExportOptions = {}): ExportedFile {
  const now = options.now ?? Date.now();
  const imported = importedPostFor(clip, preset);
  if (imported) return imported;
  if (preset === 'custom') {
    return renderTemplate(requireTemplate(options), clip, { parser: options.parser, now, urlsResolved: options.urlsResolved });
  }
  return { path: exportPath(clip, preset, options), text: WRITERS[preset](clip, options, now) };
}
