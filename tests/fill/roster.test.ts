// Checks the Council of Europe roster data of the coe-press-release layout against rosterOn and the 2007 seed sidebar.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RosterCollation } from '../../src/fill/prebuilt.js';
import { rankRosterNames, rosterOn, sharedRosterOn } from '../../src/fill/rosterOn.js';

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


describe('names ranked at build time', () => {
  /** Every date the roster changes on, and the day before each. */
  const dates = [...new Set(JSON.stringify(members).match(/\d{4}-\d{2}-\d{2}/g))].flatMap((d) => {
    const before = new Date(`${d}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    return [d, before.toISOString().slice(0, 10)];
  });
  const collation: RosterCollation = { icu: process.versions.icu ?? '', ranks: rankRosterNames({ members }) };
  const byCollator: RosterCollation = { icu: '', ranks: new Map() };

  it('should rank the names of every language the roster gives them in', () => {
    expect([...collation.ranks.keys()].sort()).toEqual(['en', 'fr']);
    expect(collation.ranks.get('en')!.get('Albania')).toBe(0);
  });

  it('should order every roster of its history as the collator does, in English and French', () => {
    expect(dates.length).toBeGreaterThan(60);
    for (const date of dates) {
      for (const language of ['en', 'fr', 'fr-CH']) expect(rosterOn(members, date, language, collation), `${date} ${language}`).toEqual(rosterOn(members, date, language, byCollator));
    }
  });

  it('should order by the ranks when it may: every name ranked, the same ICU', () => {
    // Ranks that reverse the alphabet show when they are used.
    const reversed = new Map([...collation.ranks.get('en')!].map(([name, rank]) => [name, -rank]));
    const use = (c: Partial<RosterCollation>) => rosterOn(members, '2007-03-12', 'en', { ...collation, ...c });
    expect(use({ ranks: new Map([['en', reversed]]) })).toEqual([...SEED_SIDEBAR].reverse());
    // Made with another ICU, or missing a name, or for another language: the collator decides.
    expect(use({ ranks: new Map([['en', reversed]]), icu: 'another' })).toEqual(SEED_SIDEBAR);
    expect(use({ ranks: new Map([['en', new Map([...reversed].filter(([name]) => name !== 'Malta'))]]) })).toEqual(SEED_SIDEBAR);
    expect(rosterOn(members, '2007-03-12', 'de', collation)).toEqual(rosterOn(members, '2007-03-12', 'de', byCollator));
  });

  it('should give equal ranks to names the collator finds equal, so that they keep their roster order', () => {
    const twins = [
      { joined: '2000-01-01', names: [{ from: null, en: 'Cote' }] },
      { joined: '2000-01-01', names: [{ from: null, en: 'Côte' }] },
      { joined: '2000-01-01', names: [{ from: null, en: 'Alpha' }] },
    ];
    const ranks = rankRosterNames(twins).get('en')!;
    expect(ranks.get('Cote')).toBe(ranks.get('Côte'));
    const c: RosterCollation = { icu: process.versions.icu ?? '', ranks: new Map([['en', ranks]]) };
    expect(rosterOn(twins, '2001-01-01', 'en', c)).toEqual(['Alpha', 'Cote', 'Côte']);
    expect(rosterOn([...twins].reverse(), '2001-01-01', 'en', c)).toEqual(['Alpha', 'Côte', 'Cote']);
  });
});
