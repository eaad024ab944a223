import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@rw/event-store';
import * as fundraising from './index';
import { InvalidDonation } from './donation/errors';
import { checkPerson } from './donation/decider';

/** Every class in the libraries' sources that extends DomainError, by name, read from the files themselves. */
function declaredRefusals(): string[] {
  const names: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)) {
        for (const match of readFileSync(path, 'utf8').matchAll(/class (\w+) extends DomainError\b/g))
          names.push(match[1]);
      }
    }
  };
  walk(join(__dirname, '..', '..'));
  return names.sort();
}

const exported = Object.entries(fundraising as Record<string, unknown>)
  .filter(([, value]) => typeof value === 'function' && value.prototype instanceof DomainError)
  .map(([name, value]) => [name, value as unknown as { code: string }] as const);

describe('domain refusals', () => {
  it('are all exported by @rw/fundraising, so that the edge can know them', () => {
    expect(exported.map(([name]) => name).sort()).toEqual(declaredRefusals());
    expect(exported.length).toBeGreaterThanOrEqual(45);
  });

  it('each name a code of their own: snake_case and unique', () => {
    const codes = exported.map(([name, type]) => {
      expect({ name, own: Object.hasOwn(type, 'code') }).toEqual({ name, own: true });
      expect(type.code).toMatch(/^[a-z]+(?:_[a-z]+)*$/);
      return type.code;
    });
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('carry their code, parameters and field on the instance; the English message stays', () => {
    const taken = new fundraising.EmailAlreadyHasAccount('ann@example.be');
    expect(taken).toMatchObject({
      code: 'email_already_has_account',
      params: { email: 'ann@example.be' },
      field: 'email',
      message: 'ann@example.be already has an account',
      kind: 'conflict',
    });
    const donor = { name: 'Ann', email: 'not an address' };
    expect(() => checkPerson(donor, 'donor', InvalidDonation)).toThrow(
      expect.objectContaining({ code: 'invalid_donation', reason: 'email_invalid', field: 'email' }),
    );
  });

  it('say which input a team registration got wrong', () => {
    const register = (name: string, targetCents: number) =>
      fundraising.teamDecider.decide(
        {
          type: 'RegisterTeam',
          teamId: 't1',
          editionId: 'e1',
          routeId: 'r1',
          name,
          slug: 't1',
          targetCents,
          captainWalkerId: 'w1',
          joinCode: 'code',
          at: '2026-05-01T10:00:00Z',
        },
        fundraising.teamDecider.initialState,
      );
    expect(() => register('x'.repeat(81), 0)).toThrow(
      expect.objectContaining({ code: 'invalid_team', reason: 'name_too_long', params: { max: 80 }, field: 'name' }),
    );
    expect(() => register('  ', 0)).toThrow(expect.objectContaining({ reason: 'name_missing', field: 'name' }));
    expect(() => register('Zon', -1)).toThrow(
      expect.objectContaining({ reason: 'target_invalid', field: 'targetCents' }),
    );
  });
});
