import { createServer, type Server } from 'node:http';

// Pages served over real HTTP on this machine. Playwright's request interception does not reliably
// reach tabs that the extension opens in the background (their first request can go out before
// the browser reports the new tab), so what those tabs load comes from here.

export interface LocalServer {
  /** `http://127.0.0.1:<port><path>` */
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves each page at its path; any other path answers 404 with a short HTML page. */
export async function serveLocally(pages: Map<string, string>): Promise<LocalServer> {
  const server: Server = createServer((request, response) => {
    const html = pages.get(new URL(request.url ?? '/', 'http://localhost').pathname);
    response.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html ?? '<!doctype html><title>Not found</title><p>Not found.</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The local server has no port');
  return {
    url: (path) => `http://127.0.0.1:${address.port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
