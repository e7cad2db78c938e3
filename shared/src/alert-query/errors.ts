/** What went wrong in a rule, for code that reacts differently (e.g. the editor's underline colour). */
export type AlertQueryErrorKind =
  | 'syntax'
  | 'unknown-field'
  | 'unknown-topic'
  | 'unknown-region'
  | 'too-long'
  | 'too-deep';

/**
 * A rule the parser rejected. Plain data rather than an Error subclass so that it survives
 * JSON.stringify unchanged when the server answers `{valid: false, error}`.
 */
export interface AlertQueryError {
  kind: AlertQueryErrorKind;
  /** Starts with where ("column 18: ", or "line 2, column 5: " in a rule of several lines). */
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like the editor's cursor. */
  column: number;
  /** 0-based index into the query text, for underlining in an editor. */
  offset: number;
}

/** Thrown inside the lexer and parser, turned into an `AlertQueryError` at the boundary. */
export class AlertQueryParseFailure extends Error {
  constructor(
    readonly kind: AlertQueryErrorKind,
    readonly offset: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'AlertQueryParseFailure';
  }
}

export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function toAlertQueryError(text: string, failure: AlertQueryParseFailure): AlertQueryError {
  const { line, column } = locate(text, failure.offset);
  const multiLine = text.includes('\n');
  const where = multiLine ? `line ${line}, column ${column}` : `column ${column}`;
  return { kind: failure.kind, message: `${where}: ${failure.detail}`, line, column, offset: failure.offset };
}
