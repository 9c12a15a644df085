import type { ClipDraft } from '../../utils/core/model/types';

// The library benchmark's clips: deterministic (seeded) news articles of real length, mostly
// Chinese. Bodies follow the archive's spread of sizes (median near 6 KB of UTF-8, 1 to 200 KB, a
// long tail), in the archive's markup (paragraphs with links, headings, figures, quotes). The
// words come from a news vocabulary with a Zipf-like spread, and each article is about a few
// people and places drawn by weight, so that names behave as in a real archive: 习近平 in about
// one article in fifteen, 北京 and 美国 in thousands of them, often in the title too.

/** A deterministic random source (an LCG: fast, and the same library on every run). */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** People, places and bodies the news is about, with the share of articles about each. */
const ENTITIES: Array<[string, number]> = [
  ['美国', 0.3],
  ['中国', 0.3],
  ['北京', 0.2],
  ['中共', 0.15],
  ['台湾', 0.12],
  ['香港', 0.1],
  ['习近平', 0.065],
  ['拜登', 0.05],
  ['特朗普', 0.05],
  ['日本', 0.06],
  ['上海', 0.06],
  ['俄罗斯', 0.05],
  ['乌克兰', 0.04],
  ['欧盟', 0.04],
  ['华盛顿', 0.04],
  ['李强', 0.02],
  ['王毅', 0.02],
  ['布林肯', 0.015],
  ['秦刚', 0.008],
  ['联合国', 0.03],
  ['国务院', 0.04],
  ['外交部', 0.05],
  ['深圳', 0.02],
  ['广州', 0.02],
  ['新疆', 0.015],
  ['西藏', 0.01],
  ['韩国', 0.03],
  ['朝鲜', 0.02],
  ['英国', 0.03],
  ['德国', 0.025],
  ['法国', 0.02],
  ['印度', 0.02],
  ['新加坡', 0.015],
  ['澳大利亚', 0.015],
  ['加拿大', 0.015],
  ['世界卫生组织', 0.01],
  ['美联储', 0.015],
  ['五角大楼', 0.008],
  ['白宫', 0.03],
  ['国会', 0.03],
];

/** Common news words, most frequent first: word `i` is drawn with weight 1/(i+3). */
const VOCABULARY = words(`
  的 在 是 了 和 表示 对 与 也 将 但 等 中 年 月 日 这 上 为 有 记者 报道 政府 官员 问题 发展 经济 国家
  政策 关系 会议 发言人 消息 认为 指出 进行 合作 地区 国际 安全 市场 企业 公司 社会 人民 工作 方面 今年
  去年 目前 已经 可能 继续 要求 举行 宣布 发布 媒体 社交 网络 民众 当局 部门 领导人 总统 总理 部长 主席
  委员会 代表 议员 选举 投票 法律 法院 审判 警方 调查 事件 抗议 示威 人权 自由 民主 疫情 病毒 疫苗 医院
  病例 防控 封控 物价 通胀 利率 股市 投资 投资者 银行 货币 贸易 关税 出口 进口 制裁 供应链 芯片 科技
  技术 人工智能 能源 石油 天然气 电力 气候 变化 环境 污染 地震 洪水 暴雨 台风 干旱 军事 军队 演习 导弹
  战争 冲突 停火 谈判 协议 峰会 访问 会面 会谈 双方 分歧 立场 回应 批评 反对 支持 强调 呼吁 警告 威胁
  风险 危机 挑战 机会 增长 下降 上涨 下跌 数据 统计 报告 研究 专家 学者 大学 学生 教育 学校 青年 就业
  失业 工资 房价 房地产 开发商 债务 地方政府 财政 预算 改革 开放 外资 外交 大使馆 领事馆 签证 旅游 航班
  机场 铁路 高铁 交通 城市 农村 农民 粮食 食品 价格 消费者 零售 电商 平台 监管 审查 言论 新闻 文化 历史
  宗教 信仰 法轮功 异见人士 律师 家属 当天 周一 周二 周三 周四 周五 周六 周日 上午 下午 晚上 时间 小时
  分钟 此前 此后 之后 之前 同时 另外 此外 然而 因此 由于 虽然 如果 尽管 据悉 据报道 知情人士 声明 文件
  草案 规定 措施 计划 目标 行动 项目 资金 援助 捐款 联合 全球 世界 亚洲 欧洲 非洲 美洲 中东 太平洋 南海
  东海 边境 领土 主权 统一 独立 两岸 对话 沟通 渠道 误判 紧张 局势 稳定 和平 繁荣 未来 方向 重要 重大
  严重 巨大 明显 积极 消极 全面 深入 进一步 最新 最近 首次 再次 多次 大量 部分 所有 许多 一些 其中 包括
`);

const ENGLISH = words(`the government said on monday that talks with officials in beijing and washington would
continue despite tension over trade technology security climate energy markets inflation growth
election parliament minister president court ruling report investigation police protest economy
industry companies workers wages prices housing health hospital vaccine research university students
schools military defense border migration refugees drought flood storm earthquake negotiators summit
agreement sanctions exports imports tariffs currency banks investors shares analysts forecast budget
deficit reform policy spokesman statement interview evidence witness journalist newspaper broadcaster`);

const SITES: Array<[string, string]> = [
  ['大纪元', 'www.epochtimes.com'],
  ['新唐人', 'www.ntdtv.com'],
  ['美国之音', 'www.voachinese.com'],
  ['BBC 中文', 'www.bbc.com'],
  ['联合早报', 'www.zaobao.com'],
  ['自由亚洲电台', 'www.rfa.org'],
  ['德国之声', 'www.dw.com'],
  ['端传媒', 'theinitium.com'],
  ['中央社', 'www.cna.com.tw'],
  ['明报', 'news.mingpao.com'],
  ['看中国', 'www.secretchina.com'],
  ['希望之声', 'www.soundofhope.org'],
  ['法广', 'www.rfi.fr'],
  ['纽约时报中文网', 'cn.nytimes.com'],
  ['Reuters', 'www.reuters.com'],
  ['AP News', 'apnews.com'],
  ['The Guardian', 'www.theguardian.com'],
  ['NHK', 'www3.nhk.or.jp'],
];

const TAGS = words(`中美关系 台海 香港 疫情 经济 人权 科技 军事 外交 选举 贸易战 南海 新疆 俄乌战争 气候 能源 教育
  房地产 股市 芯片 法轮功 宗教 言论自由 两会 中共党魁 国际 评论 专栏 深度 独家 快讯 图片 视频 读者来信 存档`);

const REPORTERS = words('张婷 李明 王强 陈静 刘晓 赵文 杨帆 黄海 周宁 吴迪 徐光 孙悦');

/** Picks from `list` with weights 1/(i+3): a few words carry most of the text, as in any language. */
function zipfPicker<T>(list: readonly T[]): (rand: () => number) => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < list.length; i++) cumulative.push((sum += 1 / (i + 3)));
  return (rand) => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  };
}

const pickWord = zipfPicker(VOCABULARY);
const pickSite = zipfPicker(SITES);
const pickTag = zipfPicker(TAGS);

/** A body size in UTF-8 bytes: log-normal around 6 KB, within 1 to 200 KB. */
function bodyBytes(rand: () => number): number {
  // Box–Muller: a normal deviate from two uniform ones.
  const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  return Math.round(Math.min(200_000, Math.max(1_000, 6_000 * Math.exp(0.8 * normal))));
}

function sentence(rand: () => number, about: string[]): string {
  const length = 8 + Math.floor(rand() * 14);
  let text = '';
  for (let i = 0; i < length; i++) {
    text += about.length > 0 && rand() < 0.12 ? about[Math.floor(rand() * about.length)]! : pickWord(rand);
    if (i > 2 && i < length - 2 && rand() < 0.12) text += '，';
  }
  return text + (rand() < 0.9 ? '。' : '？');
}

function englishSentence(rand: () => number): string {
  const text = Array.from({ length: 12 + Math.floor(rand() * 16) }, () => ENGLISH[Math.floor(rand() * ENGLISH.length)]!).join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + '.';
}

const utf8 = (text: string) => Buffer.byteLength(text);

/** Article `n` of the library: the same draft for the same `n` and the same random source state. */
export function newsDraft(n: number, rand: () => number): ClipDraft {
  const about = ENTITIES.filter(([, share]) => rand() < share).map(([name]) => name);
  const english = rand() < 0.12;
  const [siteName, host] = english ? SITES[14 + Math.floor(rand() * 4)]! : pickSite(rand);
  const target = bodyBytes(rand);
  const blocks: string[] = [];
  let bytes = 0;
  let text = 0;
  let excerpt = '';
  while (bytes < target) {
    const roll = rand();
    let block: string;
    let plain: string;
    if (roll < 0.05 && blocks.length > 0) {
      plain = english ? englishSentence(rand) : sentence(rand, about).slice(0, 14);
      block = `<h2>${plain}</h2>`;
    } else if (roll < 0.08) {
      plain = english ? englishSentence(rand) : sentence(rand, about);
      block = `<figure><img src="https://${host}/images/${n}-${blocks.length}.jpg" alt=""><figcaption>${plain}</figcaption></figure>`;
    } else if (roll < 0.1) {
      plain = english ? englishSentence(rand) : sentence(rand, about);
      block = `<blockquote><p>${plain}</p></blockquote>`;
    } else {
      const count = 2 + Math.floor(rand() * 5);
      const parts = Array.from({ length: count }, () => (english ? englishSentence(rand) : sentence(rand, about)));
      plain = parts.join(english ? ' ' : '');
      // A tag link inside the paragraph, as news sites write them.
      const link = !english && about.length > 0 && rand() < 0.3 ? about[0]! : undefined;
      block = link
        ? `<p>${parts[0]}<a href="https://${host}/tag/${encodeURIComponent(link)}.html">${link}</a>${parts.slice(1).join('')}</p>`
        : `<p>${plain}</p>`;
    }
    if (!excerpt && block.startsWith('<p>')) excerpt = plain.slice(0, 160);
    blocks.push(block);
    bytes += utf8(block);
    text += plain.replace(/\s/g, '').length + (block.includes('<a ') ? about[0]!.length : 0);
  }
  const year = 2010 + (n % 16);
  const month = Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  // Titles name what the article is about more often than not: a name's hits are partly title hits.
  const lead = about.length > 0 && rand() < 0.5 ? about[Math.floor(rand() * about.length)]! : '';
  const title = english
    ? `${englishSentence(rand).slice(0, 60).replace(/\s+\S*$/, '')} (${n})`
    : `${lead}${sentence(rand, about).replace(/[。？，]/g, '').slice(0, 14 + Math.floor(rand() * 10))}`;
  const url = `https://${host}/gb/${String(year).slice(2)}/${month + 1}/${day}/n${10_000_000 + n}.htm`;
  return {
    pageUrl: url,
    url,
    title,
    siteName,
    lang: english ? 'en' : 'zh-CN',
    byline: rand() < 0.6 ? `记者${REPORTERS[Math.floor(rand() * REPORTERS.length)]}` : undefined,
    publishedAt: Date.UTC(year, month, day, Math.floor(rand() * 24), Math.floor(rand() * 60)),
    keywords: [],
    contentHtml: blocks.join(''),
    textLength: text,
    fullPage: false,
    excerpt,
  };
}

/** The tags a user gave article `n` (a third of them have some). */
export function newsTags(rand: () => number): string[] {
  if (rand() >= 0.33) return [];
  return [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pickTag(rand)))];
}
