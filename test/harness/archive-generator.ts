import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { archivePost, archivePostFileName } from '../../utils/core/format/archive-post';
import { isRefusedChar } from '../../utils/core/format/file-names';

// A realistic Jekyll news archive, made up but shaped like the real one of issue 14 (FORMAT.md,
// "Older posts of the same archive"): `_posts/` and dated sub-folders, posts of today's format and
// of the older generators, Chinese news text and English, feed markup, log-normal body sizes,
// repeated articles and a few broken titles. Deterministic: the same seed and count give the same
// bytes, so benchmarks compare like with like and tests can pin what they see. Post `i` depends
// only on the seed and `i` (and, for the few broken titles, on the count), so a post can be made
// again without keeping the archive in memory.

export const DEFAULT_SEED = 20_250_101;

/** What the post was made with, for tests and reports (a post has several). */
export type PostVariant =
  | 'current'
  | 'older'
  | 'english'
  | 'archived-folder'
  | 'title-spacing'
  | 'raw-utf8-from'
  | 'double-slash'
  | 'ms-differs'
  | 'heading-cut'
  | 'escaped-quote'
  | 'feed-attributes'
  | 'iframe'
  | 'ad-wrapper'
  | 'weserv'
  | 'figure'
  | 'table'
  | 'entities'
  | 'repeat'
  | 'broken-newline'
  | 'broken-backslash';

export interface GeneratedPost {
  index: number;
  /** Path inside the site: `_posts/2019-05-03-<title>.md` or `_posts/archived/2019-05-03/…`. */
  path: string;
  text: string;
  /** The `from:` value as written. */
  from: string;
  /** The `date:` value, epoch ms. */
  date: number;
  /** The body HTML as written between `<div>` and `</div>`. */
  body: string;
  variants: PostVariant[];
  /** For a repeated article: the index of the post it repeats. */
  repeatOf?: number;
}

export interface ArchiveOptions {
  posts: number;
  seed?: number;
}

/** mulberry32: a tiny, fast 32-bit PRNG, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finaliser: every input bit reaches every output bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seed for stream `stream` of post `index`: posts are made independently of each other. */
function postSeed(seed: number, index: number, stream: number): number {
  return fmix32(fmix32(fmix32(seed ^ 0x9e3779b9) ^ index) + stream * 0x632be5ab);
}

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const chance = (rand: Rand, p: number) => rand() < p;
const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

// ——— vocabulary ———

const PERSONS = ['习近平', '李强', '王毅', '秦刚', '拜登', '特朗普', '布林肯', '普京', '蔡英文', '赖清德', '岸田文雄', '马克龙', '朔尔茨', '泽连斯基', '李家超', '耶伦'];
const PLACES = ['北京', '上海', '香港', '台湾', '美国', '日本', '欧盟', '俄罗斯', '乌克兰', '新疆', '西藏', '华盛顿', '莫斯科', '广州', '深圳', '武汉', '东京', '首尔', '伦敦', '柏林'];
const ORGS = ['中共', '国务院', '外交部', '白宫', '国会', '联合国', '世卫组织', '美联储', '央行', '商务部', '国防部', '最高法院', '欧洲议会', '北约', '国家统计局', '证监会'];
const TOPICS = ['经济', '贸易', '关税', '人权', '疫情', '选举', '制裁', '投资', '股市', '房地产', '失业率', '通胀', '军演', '半导体', '供应链', '外交', '峰会', '谈判', '抗议', '法案', '新闻自由', '言论审查', '能源', '气候', '移民', '教育', '医疗', '科技'];
const VERBS = ['表示', '宣布', '批评', '警告', '会见', '访问', '回应', '否认', '呼吁', '签署', '通过', '发布', '调查', '指出', '强调', '谴责', '讨论', '承诺'];
const TIMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日', '当天', '近日', '本周', '上月', '今年以来', '去年底', '当地时间周三'];
const CONNECTIVES = ['据报道', '对此', '此外', '与此同时', '分析人士认为', '记者了解到', '消息人士透露', '有评论指出', '值得注意的是'];
const ADJECTIVES = ['持续紧张', '明显升温', '有所缓和', '备受关注', '引发争议', '陷入僵局', '出现转机', '面临压力'];
const MEDIA = ['美联社', '路透社', '法新社', '彭博社', '《华尔街日报》', '《纽约时报》', '日经新闻', '中央社'];
const REPORTERS = ['张婷', '李明', '王强', '陈静', '林芳', '周文', '黄海', '吴晓', '刘洋', '郑丽'];

const EN_SUBJECTS = ['The government', 'Officials in Beijing', 'The White House', 'Negotiators', 'The central bank', 'Lawmakers', 'Analysts', 'The foreign ministry', 'Investors', 'Police', 'The court', 'Protesters'];
const EN_VERBS = ['said', 'warned', 'announced', 'confirmed', 'denied', 'argued', 'reported', 'insisted'];
const EN_OBJECTS = ['talks on trade', 'the new tariffs', 'the security law', 'interest rates', 'the export controls', 'the climate agreement', 'the vaccine rollout', 'the election results', 'the housing market', 'chip supply chains'];
const EN_MODALS = ['would continue', 'could be delayed', 'had been suspended', 'would resume next week', 'were under review', 'might be expanded'];
const EN_REASONS = ['despite rising tension', 'amid growing pressure at home', 'after months of negotiation', 'as markets fell sharply', 'following a series of protests', 'in the wake of the summit'];
const EN_DAYS = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'over the weekend', 'late on Sunday'];
const EN_TITLE_PLACES = ['China', 'Beijing', 'Hong Kong', 'Taiwan', 'US', 'Japan', 'EU', 'Russia', 'Ukraine', 'UK'];
const EN_TITLE_VERBS = ['warns', 'rejects', 'weighs', 'signals', 'pushes back on', 'tightens', 'eases', 'defends'];
const EN_TITLE_NOUNS = ['trade curbs', 'chip exports', 'security law', 'rate cut', 'sanctions', 'climate pledge', 'travel rules', 'media restrictions', 'property rescue', 'military drills'];
const EN_REPORTERS = ['Jane Smith', 'David Chen', 'Maria Garcia', 'Tom Walker', 'Anna Lee'];

interface Site {
  name: string;
  english: boolean;
  /** The article's address; `slug` is text from the title, `id` a unique number. */
  url(day: Date, id: number, slug: string, englishSlug: string): string;
  /** The address holds title text, written raw by the older generators. */
  textInPath: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const CHINESE_SITES: Site[] = [
  { name: '大纪元', english: false, textInPath: false, url: (d, id) => `https://www.epochtimes.com/gb/${String(d.getUTCFullYear()).slice(2)}/${d.getUTCMonth() + 1}/${d.getUTCDate()}/n${id}.htm` },
  { name: '德国之声', english: false, textInPath: true, url: (_d, id, slug) => `https://www.dw.com/zh/${slug}/a-${id}` },
  { name: '法广', english: false, textInPath: true, url: (d, id, slug) => `https://www.rfi.fr/cn/中国/${ymd(d)}-${slug}-${id}` },
  { name: 'BBC中文网', english: false, textInPath: false, url: (_d, id) => `https://www.bbc.com/zhongwen/simp/world-${id}` },
  { name: '美国之音', english: false, textInPath: false, url: (d, id, _s, en) => `https://www.voachinese.com/a/${en}-${ymd(d)}/${id}.html` },
  { name: '自由亚洲电台', english: false, textInPath: false, url: (d, id, _s, en) => `https://www.rfa.org/mandarin/yataibaodao/${en}-${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${d.getUTCFullYear()}${id}.html` },
  { name: '纽约时报中文网', english: false, textInPath: false, url: (d, id, _s, en) => `https://cn.nytimes.com/china/${ymd(d)}/${en}-${id}/` },
];
const ENGLISH_SITES: Site[] = [
  { name: 'Reuters', english: true, textInPath: false, url: (d, id, _s, en) => `https://www.reuters.com/world/china/${en}-${d.toISOString().slice(0, 10)}-${id}/` },
  { name: 'The Guardian', english: true, textInPath: false, url: (d, id, _s, en) => `https://www.theguardian.com/world/${d.getUTCFullYear()}/${MONTHS[d.getUTCMonth()]}/${pad(d.getUTCDate())}/${en}-${id}` },
  { name: 'AP News', english: true, textInPath: false, url: (_d, id, _s, en) => `https://apnews.com/article/${en}-${id.toString(16)}` },
];

// ——— text ———

function chineseSentence(rand: Rand): string {
  switch (int(rand, 0, 5)) {
    case 0:
      return `${pick(rand, TIMES)}，${pick(rand, PERSONS)}在${pick(rand, PLACES)}${pick(rand, VERBS)}，${pick(rand, PLACES)}的${pick(rand, TOPICS)}问题${pick(rand, ADJECTIVES)}。`;
    case 1:
      return `据${pick(rand, MEDIA)}报道，${pick(rand, ORGS)}${pick(rand, TIMES)}${pick(rand, VERBS)}了有关${pick(rand, TOPICS)}的新措施。`;
    case 2:
      return `${pick(rand, CONNECTIVES)}，${pick(rand, TOPICS)}和${pick(rand, TOPICS)}成为${pick(rand, PLACES)}各界关注的焦点。`;
    case 3:
      return `记者${pick(rand, REPORTERS)}报道，${pick(rand, PLACES)}${pick(rand, ORGS)}${pick(rand, VERBS)}，将在${pick(rand, TOPICS)}领域采取行动。`;
    case 4:
      return `今年第${pick(rand, ['一', '二', '三', '四'])}季度${pick(rand, PLACES)}${pick(rand, TOPICS)}增长${int(rand, 0, 9)}.${int(rand, 0, 9)}%，${pick(rand, CONNECTIVES)}，前景${pick(rand, ADJECTIVES)}。`;
    default:
      return `“${pick(rand, TOPICS)}不是孤立的问题，”${pick(rand, PERSONS)}${pick(rand, VERBS)}，“${pick(rand, PLACES)}必须作出回应。”`;
  }
}

function englishSentence(rand: Rand): string {
  return `${pick(rand, EN_SUBJECTS)} ${pick(rand, EN_VERBS)} ${pick(rand, EN_DAYS)} that ${pick(rand, EN_OBJECTS)} ${pick(rand, EN_MODALS)} ${pick(rand, EN_REASONS)}.`;
}

function chineseTitle(rand: Rand): string {
  const head = `${pick(rand, PERSONS)}${pick(rand, VERBS)}${pick(rand, PLACES)}${pick(rand, TOPICS)}`;
  const tail = chance(rand, 0.6) ? ` ${pick(rand, PLACES)}${pick(rand, TOPICS)}${pick(rand, ADJECTIVES)}` : '';
  const quote = chance(rand, 0.15) ? `：“${pick(rand, TOPICS)}${pick(rand, ADJECTIVES)}”` : '';
  return head + tail + quote;
}

function englishTitle(rand: Rand): string {
  return `${pick(rand, EN_TITLE_PLACES)} ${pick(rand, EN_TITLE_VERBS)} ${pick(rand, EN_TITLE_NOUNS)} as ${pick(rand, EN_OBJECTS)} ${pick(rand, EN_MODALS)}`;
}

const slugOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// ——— sizes ———

const KB = 1024;
const MIN_BODY = 1 * KB;
const MAX_BODY = 200 * KB;
// A body ends with the block that passes its target, a few hundred bytes over: aim that much under.
const MEDIAN_BODY = 6 * KB - 300;

/** Body bytes: log-normal around 6 KB, with a thin heavy tail up to 200 KB. */
function bodyBytes(rand: Rand): number {
  if (chance(rand, 0.003)) return Math.round(Math.exp(Math.log(30 * KB) + rand() * Math.log(MAX_BODY / (30 * KB))));
  // Box–Muller; σ 0.42 puts the mean near 7 KB, as in the real archive.
  const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.round(Math.min(MAX_BODY, Math.max(MIN_BODY, MEDIAN_BODY * Math.exp(0.42 * normal))));
}

// ——— bodies ———

interface Markup {
  feed: boolean;
  iframe: boolean;
  ads: boolean;
  weserv: boolean;
  figure: boolean;
  table: boolean;
  entities: boolean;
}

function image(rand: Rand, day: Date, markup: Markup, alt: string): string {
  const src = `https://i.epochtimes.com/assets/uploads/${day.getUTCFullYear()}/${pad(day.getUTCMonth() + 1)}/${int(rand, 100000, 999999)}.jpg`;
  if (!markup.feed) return `<img src="${src}" alt="${alt}">`;
  const proxied = markup.weserv ? `https://images.weserv.nl?url=${src}&amp;w=600` : src;
  return `<img class="size-large wp-image-${int(rand, 1000, 99999)}" src="${proxied}" alt="${alt}" width="600" height="400" />`;
}

function figure(rand: Rand, day: Date, markup: Markup, english: boolean): string {
  const caption = english ? `${englishSentence(rand)} (Getty Images)` : `${chineseSentence(rand)}（Getty Images）`;
  const img = image(rand, day, markup, caption.slice(0, 20));
  return markup.feed
    ? `<figure class="wp-caption aligncenter" id="attachment_${int(rand, 1000, 99999)}" style="width: 600px">${img}<figcaption class="wp-caption-text">${caption}</figcaption></figure>`
    : `<figure>${img}<figcaption>${caption}</figcaption></figure>`;
}

function table(rand: Rand, markup: Markup): string {
  const rows = Array.from({ length: int(rand, 2, 5) }, () => `<tr><td>${pick(rand, PLACES)}</td><td>${int(rand, 1, 999)}.${int(rand, 0, 9)}</td><td>${pick(rand, TOPICS)}</td></tr>`);
  const head = `<tr><th>地区</th><th>数值</th><th>领域</th></tr>`;
  return markup.feed ? `<table class="data-table" border="1" style="width:100%"><tbody>${head}${rows.join('')}</tbody></table>` : `<table><tbody>${head}${rows.join('')}</tbody></table>`;
}

function paragraphText(rand: Rand, english: boolean, markup: Markup): string {
  const sentences = Array.from({ length: int(rand, 2, 5) }, () => (english ? englishSentence(rand) : chineseSentence(rand)));
  let text = sentences.join(english ? ' ' : '');
  if (markup.entities && chance(rand, 0.3)) {
    // A sanitized body holds only the references a serialiser writes; a feed's hold any.
    const ellipsis = markup.feed ? pick(rand, ['&#8230;', '&hellip;']) : '';
    text = english ? text.replace(' that ', ' that&nbsp;').replace(/\.$/, ` &amp; more${ellipsis}`) : text.replace('，', '&nbsp;，').replace(/。$/, `${ellipsis}。`);
  }
  if (chance(rand, 0.25)) {
    const word = english ? pick(rand, EN_TITLE_NOUNS) : pick(rand, TOPICS);
    text += ` <a href="https://www.epochtimes.com/gb/tag/${encodeURIComponent(word)}.html"${markup.feed ? ' target="_blank" rel="noopener"' : ''}>${word}</a>`;
  }
  if (markup.feed && chance(rand, 0.15)) text = `<span style="color:#333333">${text}</span>`;
  if (chance(rand, 0.1)) text = `<strong>${text}</strong>`;
  return text;
}

function paragraph(rand: Rand, english: boolean, markup: Markup): string {
  const text = paragraphText(rand, english, markup);
  if (!markup.feed) return chance(rand, 0.05) ? `<p id="aria${int(rand, 1e8, 9e8).toString(36)}" tabindex="0">${text}</p>` : `<p>${text}</p>`;
  const attributes = pick(rand, ['', ' class="MsoNormal"', ' style="text-align: justify;"', ' dir="ltr"', ' class="p1" dir="ltr" style="margin:0"']);
  return `<p${attributes}>${text}</p>`;
}

function body(rand: Rand, target: number, day: Date, english: boolean, markup: Markup, reporter: string, site: string): string {
  const parts: string[] = [];
  const encoder = new TextEncoder();
  let bytes = 0;
  const add = (html: string) => {
    parts.push(html);
    bytes += encoder.encode(html).length;
  };
  if (!english) add(`<p>【${site}${day.getUTCFullYear()}年${pad(day.getUTCMonth() + 1)}月${pad(day.getUTCDate())}日讯】（${site}记者${reporter}报道）${chineseSentence(rand)}</p>`);
  if (markup.figure) add(figure(rand, day, markup, english));
  let blocks = 0;
  while (bytes < target) {
    blocks += 1;
    if (markup.iframe && blocks === 3) add(`<iframe width="560" height="315" src="https://www.youtube.com/embed/${int(rand, 1e9, 9e9).toString(36)}" frameborder="0" allow="accelerometer; autoplay; encrypted-media" allowfullscreen></iframe>`);
    else if (markup.ads && blocks % 7 === 4) add(`<section class="ad-wrapper"><div id="div-gpt-ad-${int(rand, 1000, 9999)}-0" class="advertisement" style="min-height:250px">广告</div></section>`);
    else if (markup.table && blocks === 5) add(table(rand, markup));
    else if (blocks % 9 === 0) add(markup.feed ? `<h2 id="h-${blocks}" class="subtitle">${english ? englishTitle(rand) : chineseTitle(rand)}</h2>` : `<h2>${english ? englishTitle(rand) : chineseTitle(rand)}</h2>`);
    else if (markup.figure && blocks % 11 === 0) add(figure(rand, day, markup, english));
    else add(paragraph(rand, english, markup));
  }
  const html = parts.join('');
  return markup.feed && chance(rand, 0.4) ? `<section class="article-content" id="content-${int(rand, 1, 99999)}">${html}</section>` : html;
}

// ——— one article, one post ———

const FIRST_DAY = Date.UTC(2014, 0, 1);
const LAST_DAY = Date.UTC(2024, 11, 31);
/** Posts before this day were written by the older generators. */
const CURRENT_FROM = Date.UTC(2022, 0, 1);
const HOUR = 3600_000;

interface Article {
  title: string;
  url: string;
  instant: number;
  author: string;
  site: Site;
  body: string;
  older: boolean;
  variants: PostVariant[];
  /** The older generators: what the `<!--ms-->` comment and the heading hold. */
  stamp: number;
  heading: string;
  archived: boolean;
}

function article(seed: number, index: number): Article {
  const rand = mulberry32(postSeed(seed, index, 0));
  const variants: PostVariant[] = [];
  const english = chance(rand, 0.22);
  if (english) variants.push('english');
  const site = english ? pick(rand, ENGLISH_SITES) : pick(rand, CHINESE_SITES);
  const instant = FIRST_DAY + Math.floor(rand() * ((LAST_DAY - FIRST_DAY) / 1000)) * 1000;
  const day = new Date(instant);
  const older = instant < CURRENT_FROM;
  variants.push(older ? 'older' : 'current');
  let title = english ? englishTitle(rand) : chineseTitle(rand);
  const id = 10_000_000 + index * 13 + int(rand, 0, 12);
  const englishSlug = slugOf(english ? title : `${pick(rand, EN_TITLE_PLACES)} ${pick(rand, EN_TITLE_NOUNS)}`);
  const rawUrl = site.url(day, id, title.replace(/[“”：]/g, ''), englishSlug);
  let url = new URL(rawUrl).href;
  const reporter = english ? pick(rand, EN_REPORTERS) : pick(rand, REPORTERS);
  const author = chance(rand, 0.6) ? site.name : english ? reporter : `记者${reporter}`;
  const markup: Markup = { feed: older && chance(rand, 0.8), iframe: false, ads: false, weserv: false, figure: chance(rand, 0.35), table: chance(rand, 0.05), entities: chance(rand, 0.5) };
  if (markup.feed) {
    markup.iframe = chance(rand, 0.08);
    markup.ads = chance(rand, 0.15);
    markup.weserv = markup.figure && chance(rand, 0.5);
  }
  let stamp = instant;
  let heading = title;
  let archived = false;
  if (older) {
    if (chance(rand, 0.15)) {
      variants.push('title-spacing');
      const at = title.indexOf(' ');
      title = pick(rand, [
        at > 0 ? `${title.slice(0, at)}  ${title.slice(at + 1)}` : `${title}  `,
        ` ${title}`,
        `${title} `,
        `  ${title.replace(' ', '  ')} `,
      ]);
      heading = title;
    }
    if (chance(rand, 0.03)) {
      variants.push('escaped-quote');
      title = `${title} "${pick(rand, TOPICS)}"`;
      heading = title;
    }
    if (site.textInPath && chance(rand, 0.6)) {
      variants.push('raw-utf8-from');
      url = rawUrl;
    }
    if (chance(rand, 0.03)) {
      variants.push('double-slash');
      url = url.replace(/^https:\/\/([^/]+)\//, 'http://$1//');
    }
    if (chance(rand, 0.2)) {
      variants.push('ms-differs');
      stamp = instant + (chance(rand, 0.5) ? -1 : 1) * int(rand, 1, 12) * HOUR;
    }
    if (chance(rand, 0.1) && title.length > 12) {
      variants.push('heading-cut');
      heading = `${title.slice(0, int(rand, 8, title.length - 2))}...`;
    }
    archived = chance(rand, 0.35);
    if (archived) variants.push('archived-folder');
    if (markup.feed) variants.push('feed-attributes');
  }
  if (markup.iframe) variants.push('iframe');
  if (markup.ads) variants.push('ad-wrapper');
  if (markup.weserv) variants.push('weserv');
  if (markup.figure) variants.push('figure');
  if (markup.table) variants.push('table');
  if (markup.entities) variants.push('entities');
  const html = body(rand, bodyBytes(rand), day, english, markup, reporter, site.name);
  return { title, url, instant, author, site, body: html, older, variants, stamp, heading, archived };
}

/** 3 % of the posts repeat an earlier one: 3 in every block of 100, at places the seed picks. */
const REPEATS_PER_BLOCK = 3;
const BLOCK = 100;

/** The real archive has 9 broken titles in 65,000 posts; every archive made here has at least 2. */
const BROKEN_PER_POST = 9 / 65_000;

/** The earlier post whose article post `index` repeats, if it does. */
function repeatTarget(seed: number, index: number): number | undefined {
  const block = Math.floor(index / BLOCK);
  const rand = mulberry32(postSeed(seed, block, 1));
  const places = new Set<number>();
  while (places.size < REPEATS_PER_BLOCK) places.add(Math.floor(rand() * BLOCK));
  if (index === 0 || !places.has(index % BLOCK)) return undefined;
  const target = Math.floor(mulberry32(postSeed(seed, index, 1))() * index);
  return repeatTarget(seed, target) ?? target;
}

/** Indices of the posts with broken titles, spread over the archive, and which kind each is. */
export function brokenPosts(seed: number, posts: number): Map<number, 'broken-newline' | 'broken-backslash'> {
  const count = Math.min(posts, Math.max(2, Math.round(posts * BROKEN_PER_POST)));
  const rand = mulberry32(postSeed(seed, posts, 2));
  const broken = new Map<number, 'broken-newline' | 'broken-backslash'>();
  for (let k = 0; k < count; k += 1) {
    const index = Math.min(posts - 1, Math.floor(((k + rand()) * posts) / count));
    // Two in three broke on a line break, as in the real archive; the rest on a backslash.
    broken.set(index, k % 3 === 1 ? 'broken-backslash' : 'broken-newline');
  }
  return broken;
}

/** The older generators' post: only `"` escaped in the title, raw feed values, no `comments:`. */
function olderPost(a: Article, title: string, heading: string): string {
  const quoted = title.replace(/"/g, '\\"');
  const lines = [
    '---',
    'layout: post',
    `title: "${quoted}"`,
    `date: ${new Date(a.instant).toISOString()}`,
    `author: ${a.author}`,
    `from: ${a.url}`,
    `tags: [ ${a.site.name} ]`,
    `categories: [ ${a.site.name} ]`,
    '---',
    `<!--${a.stamp}-->`,
    `[${heading}](${a.url})`,
    '------',
    '',
    '<div>',
    a.body,
    '</div>',
  ];
  return `${lines.join('\n')}\n`;
}

/** The older generators' file name: the raw title (a line break kept), `/` as `--`. */
function olderFileName(instant: number, title: string): string {
  const cut = Array.from(title).slice(0, 50).join('');
  const name = Array.from(cut.replace(/\//g, '--'))
    .map((ch) => (ch !== '\n' && isRefusedChar(ch) ? '_' : ch))
    .join('')
    .replace(/^[. ]+|[. ]+$/g, '');
  return `${new Date(instant).toISOString().slice(0, 10)}-${name}.md`;
}

// YAML reads these after a backslash as escapes: a backslash before one would still parse.
const YAML_ESCAPES = new Set('0abtnvfre "/\\N_LPxuU\t'.split(''));

// An indented second line would be valid YAML (a folded line); the feed's titles broke at column 0.
function breakTitle(title: string, kind: 'broken-newline' | 'broken-backslash'): string {
  const chars = Array.from(title);
  let at = Math.max(1, Math.floor(chars.length / 2));
  if (kind === 'broken-backslash') while (at < chars.length - 1 && YAML_ESCAPES.has(chars[at]!)) at += 1;
  const [head, tail] = [chars.slice(0, at).join('').trimEnd(), chars.slice(at).join('').trimStart()];
  return `${head}${kind === 'broken-newline' ? '\n' : '\\'}${tail}`;
}

/** The posts of the archive, one at a time. */
export function* generateArchive({ posts, seed = DEFAULT_SEED }: ArchiveOptions): Generator<GeneratedPost> {
  const broken = brokenPosts(seed, posts);
  const usedPaths = new Set<string>();
  for (let index = 0; index < posts; index += 1) {
    const brokenKind = broken.get(index);
    const repeatOf = brokenKind ? undefined : repeatTarget(seed, index);
    const a = article(seed, repeatOf ?? index);
    const variants = a.variants.filter((v) => v !== 'archived-folder' && (!brokenKind || v !== 'current'));
    if (brokenKind && !a.older) variants.push('older');
    let text: string;
    let name: string;
    // The same article again is filed elsewhere: in the other folder, as the archive's moves left it.
    const archived = repeatOf === undefined ? a.archived : !a.archived;
    if (a.older || brokenKind) {
      const title = brokenKind ? breakTitle(a.title.trim(), brokenKind) : a.title;
      const heading = brokenKind ? title : a.heading;
      text = olderPost(a, title, heading);
      name = olderFileName(a.instant, title);
      if (brokenKind) variants.push(brokenKind);
    } else {
      const input = { title: a.title, url: a.url, byline: a.author === a.site.name ? undefined : a.author, siteName: a.site.name, publishedAt: a.instant, clippedAt: a.instant, tags: [], contentHtml: a.body };
      text = archivePost(input, LAST_DAY + 86_400_000);
      name = archivePostFileName(input, LAST_DAY + 86_400_000);
    }
    if (repeatOf !== undefined) variants.push('repeat');
    if (archived) variants.push('archived-folder');
    const folder = archived ? `_posts/archived/${new Date(a.instant).toISOString().slice(0, 10)}/` : '_posts/';
    let path = `${folder}${name}`;
    for (let n = 2; usedPaths.has(path.toLowerCase()); n += 1) path = `${folder}${name.replace(/\.md$/, ` (${n}).md`)}`;
    usedPaths.add(path.toLowerCase());
    yield { index, path, text, from: a.url, date: a.instant, body: a.body, variants, ...(repeatOf === undefined ? {} : { repeatOf }) };
  }
}

export interface WrittenArchive {
  posts: number;
  /** UTF-8 bytes of all the posts. */
  postBytes: number;
  /** Bytes on disk (the zip's size, or the posts' for a folder). */
  bytes: number;
}

/**
 * Writes the archive as a zip at `path`, one entry at a time (fflate's streaming Zip), so a
 * 450 MB archive never sits in memory. Entries are dated by their post, so the bytes are the same
 * from one run to the next.
 */
export function writeArchiveZip(path: string, options: ArchiveOptions, onProgress?: (done: number) => void): WrittenArchive {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  const encoder = new TextEncoder();
  let bytes = 0;
  let postBytes = 0;
  let posts = 0;
  try {
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      writeSync(fd, chunk);
      bytes += chunk.length;
    });
    for (const post of generateArchive(options)) {
      const data = encoder.encode(post.text);
      const entry = new ZipDeflate(post.path, { level: 6 });
      entry.mtime = post.date;
      zip.add(entry);
      entry.push(data, true);
      postBytes += data.length;
      posts += 1;
      if (onProgress && posts % 1000 === 0) onProgress(posts);
    }
    zip.end();
  } finally {
    closeSync(fd);
  }
  return { posts, postBytes, bytes };
}

/** Writes the archive as a site folder under `dir` (`dir/_posts/…`). */
export function writeArchiveFolder(dir: string, options: ArchiveOptions): WrittenArchive {
  let postBytes = 0;
  let posts = 0;
  for (const post of generateArchive(options)) {
    const file = join(dir, post.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, post.text);
    postBytes += Buffer.byteLength(post.text);
    posts += 1;
  }
  return { posts, postBytes, bytes: postBytes };
}
