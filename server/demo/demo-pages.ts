import { escapeXmlAttribute as attr, escapeXmlText as text } from './feed-documents';
import type { SimulatedFeedDefinition, SimulatedFeedFormat } from './simulated-feeds';

/** The HTML pages the simulator serves next to its feeds: outlet sites, articles and failure bodies. */

const FEED_MEDIA_TYPES: Record<SimulatedFeedFormat, string> = {
  rss2: 'application/rss+xml',
  rss1: 'application/rss+xml',
  atom: 'application/atom+xml',
  'json-feed': 'application/feed+json',
};

function page(options: { title: string; lang?: string; head?: string; body: string }): string {
  const lang = options.lang ?? 'en';
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  return [
    '<!DOCTYPE html>',
    `<html lang="${attr(lang)}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${text(options.title)}</title>`,
    ...(options.head ? [options.head] : []),
    '</head>',
    '<body>',
    options.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function renderIndexPage(baseUrl: string, feeds: readonly SimulatedFeedDefinition[]): string {
  const rows = feeds.map((feed) =>
    `<li><a href="${attr(baseUrl + feed.path)}">${text(feed.title)}</a> (${feed.format}, ${feed.language}, ${feed.charset})`
    + `${feed.failing ? ` <strong>broken on purpose: ${feed.failing}</strong>` : ''}`
    + ` - <a href="${attr(`${baseUrl}/site/${feed.slug}`)}">site</a></li>`);
  return page({
    title: 'Sentinel Wire demo feed simulator',
    body: [
      '<h1>Sentinel Wire demo feed simulator</h1>',
      '<p>Fictional outlets publishing stories from a bundled corpus. Nothing here is real news.</p>',
      `<p><a href="${attr(`${baseUrl}/feeds.opml`)}">All feeds as OPML</a></p>`,
      '<ul>', ...rows, '</ul>',
    ].join('\n'),
  });
}

/** An outlet's home page; it advertises its feed with <link rel="alternate"> for feed discovery. */
export function renderSitePage(baseUrl: string, feed: SimulatedFeedDefinition, headlines: readonly { title: string; link: string }[]): string {
  const feedUrl = baseUrl + feed.path;
  return page({
    title: feed.title,
    lang: feed.language,
    head: `<link rel="alternate" type="${FEED_MEDIA_TYPES[feed.format]}" title="${attr(feed.title)}" href="${attr(feedUrl)}">`,
    body: [
      `<header><h1>${text(feed.title)}</h1><p>${text(feed.description)}</p></header>`,
      '<main><ul>',
      ...headlines.map((headline) => `<li><a href="${attr(headline.link)}">${text(headline.title)}</a></li>`),
      '</ul></main>',
      `<footer><a href="${attr(feedUrl)}">Subscribe</a></footer>`,
    ].join('\n'),
  });
}

export interface ArticlePageInput {
  readonly title: string;
  readonly summary: string;
  readonly lang: string;
  readonly canonicalUrl: string;
  readonly published: Date;
  readonly outlet: string;
  readonly outletUrl: string;
}

export function renderArticlePage(article: ArticlePageInput): string {
  return page({
    title: article.title,
    lang: article.lang,
    head: [
      `<link rel="canonical" href="${attr(article.canonicalUrl)}">`,
      `<meta property="og:title" content="${attr(article.title)}">`,
      `<meta property="og:description" content="${attr(article.summary)}">`,
      `<meta property="article:published_time" content="${article.published.toISOString()}">`,
    ].join('\n'),
    body: [
      '<article>',
      `<h1>${text(article.title)}</h1>`,
      `<p><a href="${attr(article.outletUrl)}">${text(article.outlet)}</a> - <time datetime="${article.published.toISOString()}">${article.published.toUTCString()}</time></p>`,
      `<p>${text(article.summary)}</p>`,
      '</article>',
    ].join('\n'),
  });
}

/** What a feed URL returns after a publisher puts a consent wall in front of everything. */
export function renderConsentWallPage(feed: SimulatedFeedDefinition): string {
  return page({
    title: `${feed.title} - Before you continue`,
    body: [
      `<h1>Before you continue to ${text(feed.title)}</h1>`,
      '<p>We use cookies and data to deliver our services. Select "Accept all" to continue.</p>',
      '<form method="post" action="/consent"><button type="submit">Accept all</button></form>',
    ].join('\n'),
  });
}

export function renderServerErrorPage(): string {
  return page({
    title: '500 Internal Server Error',
    body: '<h1>Internal Server Error</h1>\n<p>The upstream content store did not respond. Please try again later.</p>',
  });
}

export function renderNotFoundPage(path: string): string {
  return page({ title: '404 Not Found', body: `<h1>Not Found</h1>\n<p>Nothing is published at ${text(path)}.</p>` });
}

/** The simulator's own feeds as OPML, so the demo can also show an OPML import. */
export function renderSimulatorOpml(baseUrl: string, feeds: readonly SimulatedFeedDefinition[]): string {
  const groups = [...new Set(feeds.map((feed) => feed.group))];
  const body = groups.flatMap((group) => [
    `    <outline text="${attr(group)}" title="${attr(group)}">`,
    ...feeds.filter((feed) => feed.group === group).map((feed) =>
      `      <outline text="${attr(feed.title)}" title="${attr(feed.title)}" type="rss" language="${feed.language}"`
      + ` xmlUrl="${attr(baseUrl + feed.path)}" htmlUrl="${attr(`${baseUrl}/site/${feed.slug}`)}"/>`),
    '    </outline>',
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head><title>Sentinel Wire demo feeds (simulated)</title></head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
