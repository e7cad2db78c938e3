/**
 * The password rule the server enforces (at least 12 characters), checked before sending so the
 * person hears about it next to the field. Used by setup, "change my password" and the users page.
 */
export const MIN_PASSWORD_LENGTH = 12;

/** A sentence about what is wrong with a new password (and its repetition), or null. */
export function newPasswordProblem(password: string, repeated?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password needs at least ${MIN_PASSWORD_LENGTH} characters (it has ${password.length}).`;
  if (repeated !== undefined && repeated !== password) return 'The two passwords are not the same.';
  return null;
}
