export type FeedSimulatorErrorKind =
  | 'invalid-options'
  | 'invalid-corpus'
  | 'not-started'
  | 'unknown-feed'
  | 'feed-is-failing'
  | 'listen-failed';

/** Misuse of the demo feed simulator, or a port it could not bind; `message` names what to fix. */
export class FeedSimulatorError extends Error {
  override readonly name = 'FeedSimulatorError';

  constructor(
    readonly kind: FeedSimulatorErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
