import { Parser } from 'htmlparser2';

export interface OpmlFeed {
  url: string;
  title: string | null;
  group: string | null;
  siteUrl: string | null;
}

export class OpmlError extends Error {}

const MAX_OUTLINES = 10_000;
/** Feeds one import may list: enough for any reader's export, few enough to add in one request. */
export const MAX_OPML_FEEDS = 2_000;

/**
 * Reads the feeds of an OPML document. Outlines without `xmlUrl` are folders: a feed's group is
 * the title of the folder it sits in (nested folders join with " / "). The XML is read by a
 * tokenizer that never expands DOCTYPE entities and never fetches anything. A file with more
 * than MAX_OPML_FEEDS feeds is refused as a whole, before anything is added.
 */
export function parseOpml(text: string): OpmlFeed[] {
  if (!/<opml[\s>]/i.test(text.slice(0, 4096))) {
    throw new OpmlError('not an OPML file: expected an <opml> document with <outline xmlUrl="..."> entries');
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new OpmlError(`the OPML file contains a NUL character (byte 0) on line ${line}, which XML does not allow; remove it`);
  }
  const feeds: OpmlFeed[] = [];
  const folders: (string | null)[] = [];
  let outlines = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name.toLowerCase() !== 'outline') return;
        if (++outlines > MAX_OUTLINES) throw new OpmlError(`OPML file has more than ${MAX_OUTLINES} outlines`);
        const a = lowerKeys(attrs);
        const title = (a.title ?? a.text ?? '').trim() || null;
        if (a.xmlurl !== undefined) {
          if (feeds.length >= MAX_OPML_FEEDS) {
            throw new OpmlError(`the OPML file lists more than ${MAX_OPML_FEEDS} feeds, the most one import takes; split it into files of at most ${MAX_OPML_FEEDS} feeds and import each`);
          }
          const group = folders.filter((f): f is string => !!f).join(' / ') || null;
          feeds.push({ url: a.xmlurl.trim(), title, group, siteUrl: a.htmlurl?.trim() || null });
          folders.push(null);
        } else {
          folders.push(title);
        }
      },
      onclosetag(name) {
        if (name.toLowerCase() === 'outline') folders.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  return feeds;
}

function lowerKeys(attrs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) out[key.toLowerCase()] = value;
  return out;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

export function buildOpml(feeds: OpmlFeed[], title = 'Sentinel Wire feeds', now = new Date()): string {
  const groups = new Map<string, OpmlFeed[]>();
  for (const feed of feeds) {
    const key = feed.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), feed]);
  }
  const outline = (f: OpmlFeed, indent: string) =>
    `${indent}<outline type="rss" text="${escapeXml(f.title ?? f.url)}" title="${escapeXml(f.title ?? f.url)}" xmlUrl="${escapeXml(f.url)}"${
      f.siteUrl ? ` htmlUrl="${escapeXml(f.siteUrl)}"` : ''
    }/>`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', '  <head>', `    <title>${escapeXml(title)}</title>`, `    <dateCreated>${now.toUTCString()}</dateCreated>`, '  </head>', '  <body>'];
  for (const [group, members] of groups) {
    if (!group) {
      lines.push(...members.map((f) => outline(f, '    ')));
      continue;
    }
    lines.push(`    <outline text="${escapeXml(group)}" title="${escapeXml(group)}">`);
    lines.push(...members.map((f) => outline(f, '      ')));
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
