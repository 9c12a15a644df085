import { useT } from './i18n-context';

interface ArticleFrameProps {
  /** Already sanitized HTML. */
  html: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  /** When false, the article's images are not loaded (nothing leaves the browser). */
  loadImages?: boolean;
}

// No scripts can run in the frame (empty sandbox) and its CSP allows nothing but images and
// inline styles, so even HTML that slipped past sanitizing could not act or call out.
const cspFor = (loadImages: boolean) =>
  `default-src 'none'; img-src ${loadImages ? 'https: http: data:' : "'none'"}; style-src 'unsafe-inline'`;
const STYLE =
  'body{font:16px/1.7 system-ui,"Noto Sans CJK SC",sans-serif;margin:16px;color:#1f2328;background:#fff}' +
  'img{max-width:100%;height:auto}pre{white-space:pre-wrap}' +
  '@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}a{color:#4493f8}}';

export function ArticleFrame({ html, lang, dir, loadImages = true }: ArticleFrameProps) {
  const t = useT();
  const langAttr = lang ? ` lang="${lang.replace(/[^\w-]/g, '')}"` : '';
  const doc = `<!doctype html><html${langAttr} dir="${dir ?? 'auto'}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${cspFor(loadImages)}"><meta name="referrer" content="no-referrer"><style>${STYLE}</style></head><body>${html}</body></html>`;
  return <iframe class="article-frame" title={t('previewFrame')} sandbox="" srcDoc={doc} />;
}
