// Checks the Council of Europe roster data of the coe-press-release layout against rosterOn and the 2007 seed sidebar.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rosterOn, sharedRosterOn } from '../../src/fill/rosterOn.js';

/** The roster as the layout loads it (YAML 1.2 core schema: dates stay strings). */
const members = (parse(readFileSync(fileURLToPath(new URL('../../layouts/coe-press-release/data/members.yaml', import.meta.url)), 'utf8')) as { members: unknown[] }).members;

/** The sidebar of press release 161a07 (12.03.2007), in its order. */
const SEED_SIDEBAR = [
  'Albania', 'Andorra', 'Armenia', 'Austria', 'Azerbaijan', 'Belgium', 'Bosnia and Herzegovina', 'Bulgaria', 'Croatia',
  'Cyprus', 'Czech Republic', 'Denmark', 'Estonia', 'Finland', 'France', 'Georgia', 'Germany', 'Greece', 'Hungary',
  'Iceland', 'Ireland', 'Italy', 'Latvia', 'Liechtenstein', 'Lithuania', 'Luxembourg', 'Malta', 'Moldova', 'Monaco',
  'Netherlands', 'Norway', 'Poland', 'Portugal', 'Romania', 'Russia', 'San Marino', 'Serbia', 'Slovakia', 'Slovenia',
  'Spain', 'Sweden', 'Switzerland', '"The former Yugoslav Republic of Macedonia"', 'Turkey', 'Ukraine', 'United Kingdom',
];

describe('coe-press-release members roster', () => {
  it('should give exactly the 46 names of the 161a07 sidebar, in its order, on 2007-03-12', () => {
    expect(rosterOn(members, '2007-03-12', 'en')).toEqual(SEED_SIDEBAR);
  });

  it('should give 47 members with Montenegro on 2007-05-11', () => {
    const names = rosterOn(members, '2007-05-11', 'en');
    expect(names).toHaveLength(47);
    expect(names).toContain('Montenegro');
    expect(names.indexOf('Montenegro')).toBe(names.indexOf('Monaco') + 1);
  });

  it('should still show Serbia and Montenegro as one member before 2006-06-03', () => {
    const names = rosterOn(members, '2005-07-08', 'en');
    expect(names).toHaveLength(46);
    expect(names).toContain('Serbia and Montenegro');
    expect(names).not.toContain('Serbia');
  });

  it('should file North Macedonia between Netherlands and Norway on 2019-02-12', () => {
    const names = rosterOn(members, '2019-02-12', 'en');
    expect(names).toHaveLength(47);
    const at = names.indexOf('North Macedonia');
    expect(names.slice(at - 1, at + 2)).toEqual(['Netherlands', 'North Macedonia', 'Norway']);
    expect(names.some((n) => n.includes('Yugoslav'))).toBe(false);
  });

  it('should drop Russia on 2022-03-16, leaving 46', () => {
    const names = rosterOn(members, '2022-03-16', 'en');
    expect(names).toHaveLength(46);
    expect(names).not.toContain('Russia');
    expect(rosterOn(members, '2022-03-15', 'en')).toContain('Russia');
  });

  it('should rename Turkey to Türkiye from 2022-06-01', () => {
    expect(rosterOn(members, '2022-05-31', 'en')).toContain('Turkey');
    expect(rosterOn(members, '2022-06-01', 'en')).toContain('Türkiye');
  });

  it('should leave Greece out during its 1969-1974 gap', () => {
    expect(rosterOn(members, '1970-01-01', 'en')).not.toContain('Greece');
    expect(rosterOn(members, '1975-01-01', 'en')).toContain('Greece');
  });

  it('should give the French names in French order on 2007-03-12', () => {
    const names = rosterOn(members, '2007-03-12', 'fr');
    expect(names).toHaveLength(46);
    expect(names.slice(0, 3)).toEqual(['Albanie', 'Allemagne', 'Andorre']);
    expect(names).toContain('Russie');
    expect(names).toContain('République tchèque');
    const at = names.indexOf('«\u00a0L\'ex-République yougoslave de Macédoine\u00a0»');
    expect(names[at - 1]).toBe('Lettonie');
    expect(names[at + 1]).toBe('Liechtenstein');
  });
});

describe('the remembered roster the layouts use', () => {
  it('should give the names rosterOn gives, one frozen list per roster, date and language', () => {
    const names = sharedRosterOn(members, '2007-03-12', 'en');
    expect([...names]).toEqual(SEED_SIDEBAR);
    expect(sharedRosterOn(members, '2007-03-12', 'en')).toBe(names);
    expect(sharedRosterOn(members, '2007-03-12', 'fr')).toEqual(rosterOn(members, '2007-03-12', 'fr'));
    expect(Object.isFrozen(names)).toBe(true);
  });

  it('should turn into the same text as any array of the names', () => {
    const names = sharedRosterOn(members, '2019-02-12', 'en');
    const plain = rosterOn(members, '2019-02-12', 'en');
    expect(String(names)).toBe(String(plain));
    expect(`${names}`).toBe(plain.join(','));
    expect(names == (plain.join(',') as unknown)).toBe(true);
    expect(Object.keys(names)).toEqual(Object.keys(plain));
  });

  it('should refuse a roster that is not a list, as rosterOn does', () => {
    expect(() => sharedRosterOn('x' as unknown as unknown[], '2007-03-12', 'en')).toThrow('rosterOn: the roster must be a list');
  });
});

