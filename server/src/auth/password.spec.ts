import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses others, with a fresh salt each time', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('refuses stored values that are not its own, and parameters that would cost too much', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
  });

  it('says what is wrong with a new password', () => {
    expect(passwordProblem('short')).toBe('password must be at least 12 characters');
    expect(passwordProblem('x'.repeat(201))).toBe('password must be at most 200 characters');
    expect(passwordProblem(undefined)).toBe('password is required');
    expect(passwordProblem('long enough password')).toBeNull();
  });
});
