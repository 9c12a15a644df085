// Credit lines (`作者：张三 来源：新华社 责任编辑：李四`, `By Jane Doe and John Roe`): who wrote the
// article, which outlet it came from, and what must never be taken for either (editors, dates,
// URLs, sentences).

type FieldKind = 'byline' | 'source' | 'editor' | 'other';

/** Labels that start a field; colons optional for Chinese labels, required for English ones. */
const FIELD_LABELS: ReadonlyArray<[FieldKind, string[]]> = [
  ['editor', [String.raw`(?:责任编辑|責任編輯|责编|責編|编辑|編輯|编审|編審)\s*[:：]?`, String.raw`Edited by\b`, String.raw`Editor\s*[:：]`]],
  ['source', [String.raw`(?:来源|來源|出处|出處|稿源)\s*[:：]?`, String.raw`Source\s*[:：]`]],
  [
    'byline',
    // "记者会" (press conference) and "记者站" (bureau) are not credits.
    // "作者︱春春": a vertical bar (U+FE31) also follows the label.
    [String.raw`(?:作者|撰文|撰稿|(?:记者|記者)(?![会會站节節证證]))\s*[:：︱]?`, String.raw`文\s*[/／]`, String.raw`Author\s*[:：]`, String.raw`Written by\b`],
  ],
  [
    'other',
    [
      String.raw`(?:发布时间|發佈時間|发布|發布|更新|时间|時間|日期)\s*[:：]?`,
      String.raw`(?:人气|人氣|阅读|閱讀|浏览|瀏覽|点击|點擊|评论|評論|字号|字號|分享)\s*[:：]?`,
      String.raw`(?:Last\s+)?(?:Updated|Published|Posted)\b`,
    ],
  ],
];
const FIELD = new RegExp(FIELD_LABELS.map(([, res]) => `(${res.join('|')})`).join('|'), 'gi');
/**
 * "By Jane Doe", also after a dateline ("Tuesday 15 October 2019 by Bradley M. Kuhn"): there a
 * capital must follow, and photo, illustration and editing credits do not count.
 */
const BY = /^\s*by\s+|(?<=^|[\s|｜·•,])(?<!(?:[Pp]hotos?|[Pp]hotograph|[Ii]llustrations?|[Ee]dited|[Ii]mages?|[Vv]ideo)\s)[Bb]y\s+(?=\p{Lu})/u;
/**
 * What every match of BY holds. BY (a Unicode property, look-behinds) is costly to compile in a
 * content script that runs cold at every clip; most credit values ("Jane Doe") never need it.
 */
const MAY_BE_BY = /[Bb]y\s/;
/** A sentence's full stop after a word of three letters or more (not an initial's). */
const FULL_STOP = /(?<=\p{L}{3})\.$/u;
/** Where a field's value ends even without a next label: separators and dates. */
const VALUE_END =
  /[|｜·•]|\s{2,}|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{4}\s*[-/.年]|\d{1,2}:\d{2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const EDGE_PUNCTUATION = /^[\s()（）【】[\]「」『』“”"'‘’,，。:：;；︱-]+|[\s()（）【】[\]「」『』“”"'‘’,，。:：;；︱-]+$/g;
const NAME_PREFIX = /^(?:by|author|作者|撰文|撰稿|记者|記者|文\s*[/／])\s*[:：]?\s*/i;
const PLACE_OF_REPORT = /\s*[/／]\s*\p{Script=Han}{1,8}?(?:即時|即时|綜合|综合|連線|连线|电|電)?(?:报道|報道|报导|報導)$/u;
/** What follows a reporter's name in Chinese credits: "张三报道", "李四摄", "综合报导". */
const NAME_SUFFIX = /\s*(?:综合|綜合)?(?:报道|報道|报导|報導|编译|編譯|摄影|攝影|摄|攝|撰文)$/;
const SOURCE_PREFIX = /^(?:来源|來源|出处|出處|稿源|source)\s*[:：]/i;
const EDITOR = /编辑|編輯|责编|責編|编审|編審|\beditor\b|\bedited\b/i;
const URL_LIKE = /:\/\/|^www\.|\.(?:com|net|org|cn|html?|php)\b|\w@\w+\./i;
const DATE_LIKE = /\d{4}|\d{1,2}\s*[:/.-]\s*\d{1,2}/;
const SENTENCE = /[。！？!?；;]/;
/** Placeholders: accounts with no name, and the template words a page leaves unfilled (`content="name"`). */
const GENERIC =
  /^(?:admin|administrator|unknown|anonymous|name|author|authors|username|user|editor|staff|null|undefined|none|n\/a|佚名|匿名|本站|小编|小編|作者|记者|記者|编辑|編輯|网友|網友)$|\{\{|\$\{|%\w+%/i;
/**
 * Outlets, not people: a Chinese name ending as newspapers, portals, agencies and channels do
 * ("澎湃新闻", "新浪网", "新华社", "人民日报"). Chinese personal names are two to four characters
 * and do not end so; two-character names ("王网") are left alone.
 */
const OUTLET = /^\p{Script=Han}{1,12}(?:新闻|新聞|日报|日報|晚报|晚報|早报|早報|时报|時報|报社|報社|网|網|社|电视台|電視台|广播|廣播|传媒|傳媒|集团|集團|公司|频道|頻道|客户端|客戶端|杂志|雜誌|周刊|週刊|财经|財經|在线|在線)$/u;
/** Buttons and links that sites mark as author elements ("Follow Author", "More Richard Eskow."). */
const UI_TEXT = /^(?:follow|unfollow|subscribe|share|more|view|see|read|contact|e-?mail|sign|log|click|visit)\b/i;
/**
 * Interface words anywhere in a value ("links open overlay panel", "Show more", "Download PDF"),
 * and section headings that journals class as author elements ("Abstract"): no name holds them.
 */
const INTERFACE_WORDS =
  /\b(?:overlay|panel|toggle|dropdown|tooltip|menu|download|pdf|bookmark|links?\s+opens?|opens?\s+in|show\s+(?:more|less|all)|expand|collapse|click|tap)\b|^(?:abstract|summary|highlights|keywords|introduction|references|contents|comments?|replies|print|save|cite)$/i;

export interface Credit {
  names: string[];
  source?: string;
}

function trimValue(value: string): string {
  const end = VALUE_END.exec(value);
  return (end ? value.slice(0, end.index) : value).replace(EDGE_PUNCTUATION, '');
}

const TRAILING_COUNT = /(?<=\p{L})\s+\d{1,6}$/u;

/** Words that join the names of several authors ("Jane Doe and John Roe", "X (avec Y et Z)"). */
const NAME_JOINERS = /\s*(?:[,;]|\b(?:and|with|et|avec|und|mit)\b)\s*/i;

function splitNames(value: string): string[] {
  // "Bradley M. Kuhn (http://ebb.org/bkuhn/)": the name without its homepage (whose closing
  // parenthesis the value's trimming may already have taken).
  value = value.replace(/\s*[(（][^)）]*(?::\/\/|www\.)[^)）]*(?:[)）]|$)/g, ' ');
  // "Martin Untersinger (avec Damien Leloup et Morgane Tual)": co-authors in parentheses.
  value = value.replace(/[(（]\s*(?=(?:with|avec|mit)\b)|[)）]\s*$/gi, ' ');
  // "記者王小明／台北即時報導", "记者 张三/北京报道": the place the report was filed from is no name.
  if (CJK.test(value)) value = value.replace(PLACE_OF_REPORT, '');
  const parts = CJK.test(value) ? value.split(/[\s、，,;；/／]+/) : value.split(NAME_JOINERS);
  // "Posted by Alon Zakai.": a sentence's full stop, not an initial's ("Bradley M.").
  return parts
    .map((p) => p.replace(NAME_PREFIX, '').replace(NAME_SUFFIX, '').replace(EDGE_PUNCTUATION, ''))
    .map((p) => (p.endsWith('.') ? p.replace(FULL_STOP, '') : p))
    // "Max 1": a forum's badge or post count after the user name.
    .map((p) => p.replace(TRAILING_COUNT, ''))
    .filter(Boolean);
}

/**
 * The site's names, lower-cased: what a credit naming the site is compared with (a list, or an
 * object that reads some of them only when needed; see site-name-rules.ts).
 */
export interface LowerCaseSiteNames {
  includes(name: string): boolean;
}

/** A person or author account, not a URL, date, editor, sentence or the site itself. */
function isAuthorName(name: string, siteNames: LowerCaseSiteNames): boolean {
  const length = [...name].length;
  if (length < 2 && !CJK.test(name)) return false;
  if (length > 50 || URL_LIKE.test(name) || DATE_LIKE.test(name) || SENTENCE.test(name)) return false;
  if (EDITOR.test(name) || SOURCE_PREFIX.test(name) || GENERIC.test(name) || UI_TEXT.test(name) || INTERFACE_WORDS.test(name)) return false;
  if (/^[\d\s.,]+$/.test(name)) return false;
  if (length >= 3 && OUTLET.test(name)) return false;
  // Six words or more run several names, or a name and a title, together (a list read as one).
  if (CJK.test(name) ? length > 20 : name.split(/\s+/).length > 5) return false;
  return !siteNames.includes(name.toLowerCase());
}

/**
 * Reads a credit text. Labelled fields are always read; `unlabelled` says what text without any
 * label is: a name list (a meta author value) or nothing (a line of the article header).
 */
export function readCredit(text: string, unlabelled: 'names' | 'ignore', siteNames: LowerCaseSiteNames): Credit {
  const fields: Array<{ kind: FieldKind; value: string }> = [];
  const by = MAY_BE_BY.test(text) ? BY.exec(text) : null;
  const body = by ? text.slice(by.index + by[0].length) : text;
  const matches = [...body.matchAll(FIELD)];
  const lead = body.slice(0, matches[0]?.index ?? body.length);
  matches.forEach((m, i) => {
    const kind = FIELD_LABELS[m.slice(1).findIndex((g) => g !== undefined)]?.[0] ?? 'other';
    const end = matches[i + 1]?.index ?? body.length;
    fields.push({ kind, value: body.slice(m.index + m[0].length, end) });
  });
  // Text before the first label is a name list after "By", or in a bare author value; before a
  // "记者" label it is the reporter's outlet ("新华社记者张三"), never a name.
  const labelledByline = fields.some((f) => f.kind === 'byline');
  if (by || (unlabelled === 'names' && !labelledByline)) fields.unshift({ kind: 'byline', value: lead });
  const names: string[] = [];
  let source: string | undefined;
  for (const { kind, value } of fields) {
    const trimmed = trimValue(value);
    if (kind === 'byline') names.push(...splitNames(trimmed).filter((n) => isAuthorName(n, siteNames)));
    else if (kind === 'source' && !source && trimmed && [...trimmed].length <= 40 && !URL_LIKE.test(trimmed)) {
      // "来源： 人民日报海外版 中国青年网": a Chinese outlet name has no spaces; what follows is the next item.
      source = CJK.test(trimmed) ? (trimmed.split(/\s+/)[0] ?? trimmed) : trimmed;
    }
  }
  return { names: [...new Set(names)], ...(source ? { source } : {}) };
}
