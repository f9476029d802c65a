import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAuthMessage } from '../../shared/api/event-stream';
import { bearerToken, checkRequest, headerValues, originForm } from './request-guard';

const rules = { port: 4000, hostNames: ['127.0.0.1', 'localhost', '[::1]'] };
/** Any string a client could send, weighted towards the bytes that trip parsers. */
const garbage = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('%E0%A4%A', '%', '%%', '\u0000', '\ud800', 'Bearer', 'Bearer  ', 'http://', '//x', '*', ''),
);

describe('request checks are total', () => {
  it('give a verdict for any Host, target, Origin and Authorization, and never throw', () => {
    fc.assert(
      fc.property(
        fc.array(garbage, { maxLength: 3 }),
        garbage,
        fc.array(garbage, { maxLength: 2 }),
        garbage,
        (hosts, target, origins, authorization) => {
          const verdict = checkRequest(rules, { hosts, target, origins });
          expect(typeof verdict.ok).toBe('boolean');
          expect(originForm(target).startsWith('/')).toBe(true);
          const token = bearerToken(authorization);
          expect(token === undefined || /^[\w.~+/-]+=*$/.test(token)).toBe(true);
          expect(readAuthMessage(authorization)).toBeUndefined();
          expect(headerValues([authorization, target], 'host')).toHaveLength(0);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('accept only this server, once, in origin-form or naming itself', () => {
    const ok = (hosts: string[], target = '/', origins: string[] = []) =>
      checkRequest(rules, { hosts, target, origins }).ok;
    expect(ok(['127.0.0.1:4000'])).toBe(true);
    expect(ok(['LOCALHOST:4000'], '/api/x', ['http://localhost:4000'])).toBe(true);
    expect(ok(['[::1]:4000'], 'http://127.0.0.1:4000/api/x')).toBe(true);
    expect(ok(['127.0.0.1:4000', '127.0.0.1:4000'])).toBe(false);
    expect(ok([])).toBe(false);
    expect(ok(['127.0.0.1:4001'])).toBe(false);
    expect(ok(['127.0.0.1:4000'], 'http://evil.example/')).toBe(false);
    expect(ok(['127.0.0.1:4000'], 'file:///etc/passwd')).toBe(false);
    expect(ok(['127.0.0.1:4000'], '/', ['https://127.0.0.1:4000'])).toBe(false);
    expect(ok(['127.0.0.1:4000'], '/', ['null'])).toBe(false);
    expect(originForm('http://127.0.0.1:4000/api/x?y=1')).toBe('/api/x?y=1');
    expect(bearerToken('bearer abc-_.~+/=')).toBe('abc-_.~+/=');
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(readAuthMessage('{"type":"auth","token":"t"}')).toBe('t');
  });
});
