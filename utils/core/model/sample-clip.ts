import type { Clip } from './types';

/** What the options page previews a template with while the library is still empty. */
export const SAMPLE_CLIP: Clip = {
  id: 'sample',
  seq: 0,
  pageUrl: 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm',
  url: 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm',
  title: '布林肯和秦刚会面5个半小时 双方分歧未解',
  siteName: '大纪元',
  lang: 'zh-Hans',
  publishedAt: Date.UTC(2023, 5, 18, 15, 48, 21),
  clippedAt: Date.UTC(2023, 5, 19, 1, 0, 0),
  updatedAt: Date.UTC(2023, 5, 19, 1, 0, 0),
  keywords: ['布林肯', '秦刚', '访华'],
  tags: ['存档'],
  urlKeys: ['https://www.epochtimes.com/gb/23/6/18/n14018244.htm'],
  contentHtml:
    '<p>周日（6月18日），美国国务卿<a href="https://www.epochtimes.com/gb/tag/%E5%B8%83%E6%9E%97%E8%82%AF.html">布林肯</a>在抵达北京后，与中共外交部长秦刚举行了长达五个半小时的会面。</p><h2>布林肯和秦刚会谈内容</h2><p>美国国务院周日发布声明说，布林肯和秦刚举行了一次“坦诚、实质性和建设性会谈”。</p>',
  textLength: 120,
  fullPage: false,
  revisionCount: 0,
  revisions: [],
};
