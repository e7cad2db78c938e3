import { decodeBody } from './decode-body';
import { looksLikeHtmlPage } from './discover';
import { FeedParseError } from './feed-parse-error';
import { resolveBase } from './item-url';
import { parseJsonFeed } from './json-feed';
import { normaliseFeed } from './normalise-item';
import type { ParsedFeed, RawFeedDocument } from './types';
import { parseXmlFeed } from './xml-feed';

/**
 * One fetched document to a feed: decode, recognise the format, parse, normalise.
 * Throws only FeedParseError, whose message is meant for the person looking at the feed's status.
 */
export async function parseFeedDocument(doc: RawFeedDocument, now: Date): Promise<ParsedFeed> {
  const text = decodeBody(doc.body, doc.contentType);
  const start = text.search(/[^\s\uFEFF\u0000]/);
  if (start === -1) throw new FeedParseError('empty', 'empty response: the server returned no content');
  const documentUrl = resolveBase(doc.url, null);
  const firstChar = text[start];

  try {
    if (firstChar === '{' || firstChar === '[') return normaliseFeed(parseJsonFeed(text, documentUrl), now);
    if (looksLikeHtmlPage(text)) throw new FeedParseError('not-a-feed', 'not a feed: the server returned an HTML page');
    if (!text.includes('<')) {
      const what = /json/i.test(doc.contentType ?? '') ? 'JSON' : 'text';
      throw new FeedParseError(what === 'JSON' ? 'invalid-json' : 'not-a-feed', what === 'JSON' ? 'invalid JSON: the document does not start with { or [' : 'not a feed: the document is neither XML nor JSON');
    }
    return normaliseFeed(await parseXmlFeed(text, documentUrl), now);
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    // A bug of ours or of a library on a document nobody foresaw: still a parse failure of this feed.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new FeedParseError('unsupported', `could not read the feed: ${reason}`, { cause: error });
  }
}
