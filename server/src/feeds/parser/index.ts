export type { NormalisedItem, ParsedFeed, RawFeedDocument } from './types';
export { FeedParseError, type FeedParseErrorKind } from './feed-parse-error';
export { decodeBody } from './decode-body';
export { parseFeedDocument } from './parse-feed-document';
export { discoverFeedLinks, looksLikeHtmlPage } from './discover';
export { parseFeedDate } from './feed-date';
