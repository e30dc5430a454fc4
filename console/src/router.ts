import { useLayoutEffect, useState } from 'preact/hooks';

/**
 * Routing by the URL's hash (#/timeline/E1001?order=effective): the service serves one page at
 * /console/ and never sees the route, and every view has a link an investigator can keep.
 */
export interface Route {
  /** The first segment: board, timeline, continuity, dashboard, audit, reports. */
  page: string;
  /** The segments after it, decoded. */
  args: string[];
  query: URLSearchParams;
}

export const parseRoute = (hash: string): Route => {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page, args, query: new URLSearchParams(search) };
};

export const href = (page: string, args: string[] = [], query: Record<string, string | undefined> = {}): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.toString();
  return `#/${[page, ...args].map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
};

export const navigate = (to: string): void => {
  location.hash = to;
};

/**
 * The route, followed as the hash changes. Subscribed in a layout effect, in the same task as the
 * first render, and read again once subscribed: a plain effect runs after the next paint, and a
 * link followed before it (a busy machine, a test signing in then opening a page) was missed, the
 * console staying on the page it started on.
 */
export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useLayoutEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', changed);
    changed();
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
};
