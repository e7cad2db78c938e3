import type { NextFunction, Request, Response } from 'express';
import { jsonBodyProblem, MAX_JSON_DEPTH, RequestContentError, requestContentLimits } from './json-limits';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

function run(req: Partial<Request>): unknown {
  let passed: unknown = 'not called';
  requestContentLimits({ originalUrl: '/api/feeds', ...req } as Request, {} as Response, ((error?: unknown) => (passed = error)) as NextFunction);
  return passed;
}

describe('jsonBodyProblem', () => {
  it('accepts ordinary bodies', () => {
    expect(jsonBodyProblem({ url: 'https://x.example/rss', title: 'Levant', channels: [1, 2], nested: { a: [{ b: 'c' }] } })).toBeNull();
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH))).toBeNull();
  });

  it('refuses a body nested deeper than the cap, without recursion', () => {
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH + 1))?.message).toMatch(/nested too deeply \(more than 64 levels/);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    const problem = jsonBodyProblem(deep);
    expect(problem).toBeInstanceOf(RequestContentError);
    expect(problem).toMatchObject({ status: 400, type: 'entity.too.deep' });
  });

  it('refuses a NUL character in a value or a key and names the field', () => {
    expect(jsonBodyProblem({ title: 'Levant\u0000Dispatch' })?.message).toBe('request body field title contains a NUL character (\\u0000), which is not allowed; remove it');
    expect(jsonBodyProblem({ list: [{ name: 'ok' }, { name: 'a\u0000' }] })?.message).toMatch(/^request body field list\[1\]\.name contains a NUL/);
    expect(jsonBodyProblem({ 'ti\u0000tle': 'x' })?.message).toMatch(/^a request body field name contains a NUL/);
    expect(jsonBodyProblem('\u0000')?.message).toMatch(/^request body contains a NUL/);
  });
});

describe('requestContentLimits', () => {
  it('passes a clean request on', () => {
    expect(run({ body: { title: 'Levant' } })).toBeUndefined();
    expect(run({ body: '<opml/>' })).toBeUndefined();
    expect(run({ body: undefined, originalUrl: '/api/stories?q=prison%20break' })).toBeUndefined();
  });

  it('refuses %00 anywhere in the URL, a NUL in a text body and a deep JSON body with a 400', () => {
    expect(run({ originalUrl: '/api/stories?q=a%00b' })).toMatchObject({ status: 400, message: expect.stringMatching(/^the URL contains a NUL/) });
    expect(run({ body: '<opml>\u0000</opml>' })).toMatchObject({ status: 400, type: 'entity.nul.character' });
    expect(run({ body: nested(1000) })).toMatchObject({ status: 400, type: 'entity.too.deep' });
  });
});
