/** Small builders for the feed documents that test servers publish. */

export interface TestItem {
  title: string;
  link?: string;
  guid?: string;
  description?: string;
  pubDate?: Date | null;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rss(title: string, items: TestItem[], opts: { encoding?: string; link?: string } = {}): string {
  const body = items
    .map(
      (i) => `<item><title>${xml(i.title)}</title>${i.link ? `<link>${xml(i.link)}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${xml(i.guid)}</guid>` : ''}${
        i.description !== undefined ? `<description>${xml(i.description)}</description>` : ''
      }${i.pubDate ? `<pubDate>${i.pubDate.toUTCString()}</pubDate>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="${opts.encoding ?? 'UTF-8'}"?>\n<rss version="2.0"><channel><title>${xml(title)}</title><link>${xml(opts.link ?? 'https://news.example/')}</link><description>test</description>\n${body}\n</channel></rss>`;
}

export function atom(title: string, items: TestItem[]): string {
  const entries = items
    .map(
      (i) => `<entry><title>${xml(i.title)}</title><id>${xml(i.guid ?? i.link ?? i.title)}</id>${i.link ? `<link rel="alternate" href="${xml(i.link)}"/>` : ''}<updated>${(
        i.pubDate ?? new Date()
      ).toISOString()}</updated>${i.description !== undefined ? `<summary>${xml(i.description)}</summary>` : ''}</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${xml(title)}</title><id>urn:test:${xml(title)}</id><updated>${new Date().toISOString()}</updated>\n${entries}\n</feed>`;
}

let sequence = 0;
export function newsItem(base: string, title: string, extra: Partial<TestItem> = {}): TestItem {
  sequence++;
  return {
    title,
    link: `${base}/articles/${sequence}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}`,
    guid: `urn:test:${sequence}`,
    description: `${title}. Reported by test desk.`,
    pubDate: new Date(Date.now() - 60_000),
    ...extra,
  };
}
