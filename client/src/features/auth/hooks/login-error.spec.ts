import { ApiRequestError } from '../../../lib/api-client';
import { describeLoginError } from './login-error';

const refused = (status: number, retryAfter: number | null = null) => new ApiRequestError('http', 'from the server', status, null, null, retryAfter);

describe('describeLoginError', () => {
  it('says the credentials are wrong on 401', () => {
    expect(describeLoginError(refused(401))).toBe('Wrong e-mail or password.');
  });

  it('turns Retry-After into whole minutes, rounding up', () => {
    expect(describeLoginError(refused(429, 900))).toBe('Too many attempts, try again in 15 minutes.');
    expect(describeLoginError(refused(429, 61))).toBe('Too many attempts, try again in 2 minutes.');
    expect(describeLoginError(refused(429, 20))).toBe('Too many attempts, try again in 1 minute.');
    expect(describeLoginError(refused(429))).toBe('Too many attempts, try again later.');
  });

  it("shows anything else in the server's or the transport's words", () => {
    expect(describeLoginError(refused(500))).toBe('from the server');
    expect(describeLoginError(new ApiRequestError('network', 'Cannot reach the server.'))).toBe('Cannot reach the server.');
  });
});
