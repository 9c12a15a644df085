import { highlightRanges } from '@/utils/core/library/library-view';

interface HighlightProps {
  text: string;
  query: string;
}

/** Text with the search query's matches marked. */
export function Highlight({ text, query }: HighlightProps) {
  const ranges = highlightRanges(text, query);
  if (ranges.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
