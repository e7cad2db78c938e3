export { classifyAddress, describeAddressClass, isBlockedAddress } from './address';
export type { AddressClass } from './address';
export { FeedFetchError } from './feed-fetch-error';
export type { FeedFetchErrorDetails, FeedFetchErrorKind } from './feed-fetch-error';
export { DEFAULT_ACCEPT, DEFAULT_FETCHER_OPTIONS, FeedFetcher } from './feed-fetcher';
export type { FetchRequest, FetchResult, FetcherOptions } from './feed-fetcher';
export { MAX_URL_LENGTH } from './feed-url';
export { OutboundPolicy } from './outbound-policy';
export { parseFeedUrl } from './feed-url';
