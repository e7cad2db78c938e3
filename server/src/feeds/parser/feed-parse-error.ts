export type FeedParseErrorKind = 'empty' | 'not-a-feed' | 'invalid-xml' | 'entity-declaration' | 'invalid-json' | 'unsupported';

/** Every way a document can fail to become a feed; `message` is written for the person reading the feed's status. */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  readonly kind: FeedParseErrorKind;

  constructor(kind: FeedParseErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
  }
}
