import { SeededRandom, WeightedIndex } from './random';
import {
  BUSINESS_FORMS,
  BUSINESS_KINDS,
  DUTCH_TEAM_ADJECTIVES,
  DUTCH_TEAM_NOUNS,
  FIRST_NAMES,
  FRENCH_TEAM_ADJECTIVES,
  FRENCH_TEAM_NOUNS,
  GROUP_TEAM_NAMES,
  LAST_NAMES,
  MESSAGES,
  STORIES,
  TOWNS,
} from './words';

export const DEMO_SCALES = ['small', 'edition'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

interface ScaleSpec {
  seed: number;
  teams: number;
  walkers: number;
  /** Distinct donors with at least one paid gift. */
  supporters: number;
}

/**
 * `edition` is the real size of one edition (DESIGN.md section 1, 2022): 329 teams, 2,142 walkers, 12,096
 * supporters, about 478,000 EUR. `small` is a quick look at every page.
 */
const SCALES: Record<DemoScale, ScaleSpec> = {
  small: { seed: 20260927, teams: 5, walkers: 20, supporters: 55 },
  edition: { seed: 20220925, teams: 329, walkers: 2142, supporters: 12_096 },
};

/**
 * The mix of gifts, after the charity's own figures (DESIGN.md section 1, 2023): 14,298 one-off donors against
 * 5,164 monthly ones, i.e. 73.5 % give once; a monthly charge averages 13.87 EUR. Those yearly figures cannot all
 * hold in one edition together with its 12,096 supporters and 478,000 EUR: at 54.47 EUR a one-off gift, the 73.5 %
 * who give once would give 484,000 EUR by themselves, one gift each, before any monthly gift. The demo keeps the
 * edition's size, the donor split and the monthly average; a one-off gift comes out near 43 EUR.
 */
const ONE_OFF_SHARE = 0.735;
/** One-off donors who give a second time, to someone else. */
const REPEAT_GIFT_SHARE = 0.06;
/** Gifts whose first checkout failed or expired before the donor tried again. */
const FAILED_ATTEMPT_SHARE = 0.03;

/** One-off gifts to walkers and the edition, in euros, with their weights. */
const ONE_OFF_EUROS: readonly (readonly [number, number])[] = [
  [5, 6],
  [10, 18],
  [15, 6],
  [20, 18],
  [25, 15],
  [30, 6],
  [40, 4],
  [50, 13],
  [75, 2],
  [100, 5.5],
  [150, 1.2],
  [200, 0.8],
  [250, 0.6],
  [500, 0.2],
];
/** What companies and shops give to a team. */
const BUSINESS_EUROS: readonly (readonly [number, number])[] = [
  [50, 2],
  [100, 4],
  [150, 2],
  [200, 2],
  [250, 2],
  [500, 0.8],
  [1000, 0.2],
];
/** A monthly gift, in cents: averages about 13.87 EUR. */
const MONTHLY_CENTS: readonly (readonly [number, number])[] = [
  [500, 15],
  [1000, 37],
  [1250, 6],
  [1500, 14],
  [2000, 17],
  [2500, 7],
  [3000, 2],
  [5000, 2],
];
/** How many monthly charges follow the first payment (none after 1 November 2026). */
const MONTHLY_CHARGES: readonly (readonly [number, number])[] = [
  [0, 35],
  [1, 30],
  [2, 20],
  [3, 15],
];

const DAY = 86_400_000;
const EDITION_CREATED_AT = Date.UTC(2026, 0, 12, 9, 30);
const REGISTRATION_OPENS = Date.UTC(2026, 1, 1, 8);
const REGISTRATION_CLOSES = Date.UTC(2026, 8, 13, 22);
const GIFTS_FROM = Date.UTC(2026, 2, 1, 7);
const WALK_DAY_END = Date.UTC(2026, 8, 27, 20);
const LAST_CHARGE = Date.UTC(2026, 10, 1);

export interface DemoRoute {
  name: string;
  distanceKm: number;
  kind: 'official' | 'own';
  registrationFeeCents: number;
}

export interface DemoTeam {
  name: string;
  route: number;
  targetCents: number;
  /** Index of the captain in `walkers`. */
  captain: number;
  registeredAt: string;
}

export interface DemoWalker {
  team: number;
  role: 'captain' | 'member';
  name: string;
  email: string;
  /** Absent: the edition's walker minimum. */
  targetCents?: number;
  story?: string;
  registeredAt: string;
  /** Most pay their route's fee, refugees walk free (waived), a few still owe it. */
  fee: 'paid' | 'waived' | 'pending';
  feeSettledAt: string;
}

export type DemoBeneficiary = { type: 'walker'; walker: number } | { type: 'team'; team: number } | { type: 'edition' };

export interface DemoGift {
  beneficiary: DemoBeneficiary;
  amountCents: number;
  frequency: 'one_off' | 'monthly';
  donor: { name: string; email: string };
  message?: string;
  anonymous: boolean;
  method: 'bancontact' | 'ideal' | 'creditcard' | 'sepa';
  createdAt: string;
  outcome: 'paid' | 'failed' | 'expired';
  settledAt: string;
  /** The monthly charges after the first payment. */
  chargesAt: string[];
}

/** What the demo must show once written: the figures the plan itself adds up to. */
export interface DemoFigures {
  teams: number;
  walkers: number;
  supporters: number;
  raisedCents: number;
  oneOff: { donors: number; gifts: number; raisedCents: number };
  monthly: { donors: number; payments: number; raisedCents: number };
  unpaidGifts: number;
  fees: { paid: number; waived: number; pending: number };
}

export interface DemoPlan {
  scale: DemoScale;
  edition: { name: string; walkOn: string; createdAt: string; routes: DemoRoute[] };
  teams: DemoTeam[];
  /** Captains first (walker i captains team i), then the members in the order they join. */
  walkers: DemoWalker[];
  /** In the order they are made, about chronological. */
  gifts: DemoGift[];
  expected: DemoFigures;
}

/** The demo as data: every name, amount, choice and date, the same on every run. Pure and fast (no I/O). */
export function demoPlan(scale: DemoScale): DemoPlan {
  const spec = SCALES[scale];
  const random = new SeededRandom(spec.seed);
  const people = new People(random);
  const routes: DemoRoute[] = [
    { name: 'Officieel parcours / Parcours officiel', distanceKm: 40, kind: 'official', registrationFeeCents: 1000 },
    { name: 'Eigen route / Parcours libre', distanceKm: 20, kind: 'own', registrationFeeCents: 500 },
  ];
  const teams = planTeams(random, spec.teams);
  const walkers = planWalkers(random, people, teams, spec.walkers);
  const gifts = planGifts(random, people, teams, walkers, spec.supporters);
  return {
    scale,
    edition: {
      name: 'Refugee Walk 2026',
      walkOn: '2026-09-27',
      createdAt: new Date(EDITION_CREATED_AT).toISOString(),
      routes,
    },
    teams,
    walkers,
    gifts,
    expected: figuresOf(teams, walkers, gifts),
  };
}

function planTeams(random: SeededRandom, count: number): DemoTeam[] {
  const names = new Set<string>();
  const teams: DemoTeam[] = [];
  for (let i = 0; i < count; i++) {
    const name = unique(names, () => teamName(random));
    const at = toMinute(REGISTRATION_OPENS + (REGISTRATION_CLOSES - REGISTRATION_OPENS) * random.next() ** 1.3);
    teams.push({
      name,
      route: random.chance(0.75) ? 0 : 1,
      targetCents: 0,
      captain: i,
      registeredAt: new Date(at).toISOString(),
    });
  }
  return teams;
}

function teamName(random: SeededRandom): string {
  const town = random.chance(0.35) ? ` ${random.pick(TOWNS)}` : '';
  switch (
    random.weighted([
      ['dutch', 5],
      ['french', 3],
      ['group', 2],
    ] as const)
  ) {
    case 'dutch':
      return `De ${random.pick(DUTCH_TEAM_ADJECTIVES)} ${random.pick(DUTCH_TEAM_NOUNS)}${town}`;
    case 'french':
      return `Les ${random.pick(FRENCH_TEAM_NOUNS)} ${random.pick(FRENCH_TEAM_ADJECTIVES)}${town}`;
    case 'group':
      return `${random.pick(GROUP_TEAM_NAMES)} ${random.pick(TOWNS)}`;
    default:
      throw new Error('unreachable');
  }
}

function planWalkers(random: SeededRandom, people: People, teams: DemoTeam[], count: number): DemoWalker[] {
  const walker = (team: number, role: DemoWalker['role'], earliest: number): DemoWalker => {
    const person = people.walker();
    const at = toMinute(earliest + (REGISTRATION_CLOSES - earliest) * random.next() ** 2);
    const fee = random.weighted([
      ['paid', 88],
      ['waived', 9],
      ['pending', 3],
    ] as const);
    return {
      team,
      role,
      ...person,
      ...(random.chance(0.3) ? { targetCents: random.pick([150, 200, 250, 300, 500]) * 100 } : {}),
      ...(random.chance(0.2) ? { story: random.pick(STORIES) } : {}),
      registeredAt: new Date(at).toISOString(),
      fee,
      feeSettledAt: new Date(at + random.int(2, 90) * 60_000).toISOString(),
    };
  };
  const walkers = teams.map((team, i) => walker(i, 'captain', Date.parse(team.registeredAt)));
  // a few big teams (schools, companies), many of four to eight
  const size = new WeightedIndex(teams.map(() => 0.4 + 4 * random.next() ** 3));
  while (walkers.length < count) {
    const team = size.draw(random);
    walkers.push(walker(team, 'member', Date.parse(teams[team].registeredAt)));
  }
  const sizes = teams.map(() => 0);
  for (const w of walkers) sizes[w.team]++;
  teams.forEach((team, i) => {
    team.targetCents = Math.max(1, Math.round(sizes[i] * random.pick([1, 1.5, 2, 2.5, 3]))) * 100_00;
  });
  return walkers;
}

function planGifts(
  random: SeededRandom,
  people: People,
  teams: DemoTeam[],
  walkers: DemoWalker[],
  supporters: number,
): DemoGift[] {
  // some walkers draw many supporters, one in ten none: the leaderboard has a head and a tail
  const popularWalker = new WeightedIndex(walkers.map(() => 0.3 + (-Math.log(1 - random.next())) ** 1.3));
  const sizes = teams.map(() => 0);
  for (const w of walkers) sizes[w.team]++;
  const popularTeam = new WeightedIndex(sizes.map((n) => n * (0.5 + random.next())));

  const beneficiary = (): { beneficiary: DemoBeneficiary; from: number } => {
    const kind = random.weighted([
      ['walker', 86],
      ['team', 12],
      ['edition', 2],
    ] as const);
    if (kind === 'walker') {
      const w = popularWalker.draw(random);
      return { beneficiary: { type: 'walker', walker: w }, from: Date.parse(walkers[w].registeredAt) };
    }
    if (kind === 'team') {
      const t = popularTeam.draw(random);
      return { beneficiary: { type: 'team', team: t }, from: Date.parse(teams[t].registeredAt) };
    }
    return { beneficiary: { type: 'edition' }, from: GIFTS_FROM };
  };
  /** Gifts come in faster as the walk comes closer; in the daytime, to the minute. */
  const when = (from: number) => {
    const start = Math.max(from + DAY, GIFTS_FROM);
    const days = Math.floor(((WALK_DAY_END - start) / DAY) * Math.sqrt(random.next()));
    const day = Math.floor(start / DAY) + days;
    return day * DAY + random.int(6 * 60, 21 * 60) * 60_000;
  };
  const oneOffCents = (to: DemoBeneficiary) => {
    if (random.chance(0.05)) return random.int(500, 8000);
    return random.weighted(to.type === 'team' && random.chance(0.5) ? BUSINESS_EUROS : ONE_OFF_EUROS) * 100;
  };
  const extras = () => ({
    ...(random.chance(0.35) ? { message: random.pick(MESSAGES) } : {}),
    anonymous: random.chance(0.08),
  });

  const gifts: (DemoGift & { order: number })[] = [];
  const add = (gift: DemoGift) => gifts.push({ ...gift, order: gifts.length });
  const paid = (gift: Omit<DemoGift, 'outcome' | 'settledAt'>, createdAt: number) => {
    if (random.chance(FAILED_ATTEMPT_SHARE)) {
      const failedAt = createdAt - random.int(5, 120) * 60_000;
      add({
        ...gift,
        createdAt: new Date(failedAt).toISOString(),
        outcome: random.chance(0.6) ? 'failed' : 'expired',
        settledAt: new Date(failedAt + random.int(1, 30) * 60_000).toISOString(),
        chargesAt: [],
      });
    }
    add({ ...gift, outcome: 'paid', settledAt: new Date(createdAt + random.int(1, 10) * 60_000).toISOString() });
  };

  for (let d = 0; d < supporters; d++) {
    const first = beneficiary();
    const donor = first.beneficiary.type === 'team' && random.chance(0.5) ? people.business() : people.donor();
    if (random.chance(ONE_OFF_SHARE)) {
      const gifts = random.chance(REPEAT_GIFT_SHARE) ? [first, beneficiary()] : [first];
      for (const to of gifts) {
        const at = when(to.from);
        paid(
          {
            beneficiary: to.beneficiary,
            amountCents: oneOffCents(to.beneficiary),
            frequency: 'one_off',
            donor,
            ...extras(),
            method: random.weighted([
              ['bancontact', 60],
              ['creditcard', 20],
              ['ideal', 12],
              ['sepa', 8],
            ] as const),
            createdAt: new Date(at).toISOString(),
            chargesAt: [],
          },
          at,
        );
      }
    } else {
      const at = when(first.from);
      const charges = random.weighted(MONTHLY_CHARGES);
      const chargesAt: string[] = [];
      for (let month = 1; month <= charges; month++) {
        const charge = new Date(at);
        charge.setUTCMonth(charge.getUTCMonth() + month);
        if (charge.getTime() <= LAST_CHARGE) chargesAt.push(charge.toISOString());
      }
      paid(
        {
          beneficiary: first.beneficiary,
          amountCents: random.weighted(MONTHLY_CENTS),
          frequency: 'monthly',
          donor,
          ...extras(),
          method: random.weighted([
            ['creditcard', 50],
            ['sepa', 50],
          ] as const),
          createdAt: new Date(at).toISOString(),
          chargesAt,
        },
        at,
      );
    }
  }
  gifts.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.order - b.order);
  return gifts.map(({ order: _order, ...gift }) => gift);
}

function figuresOf(teams: DemoTeam[], walkers: DemoWalker[], gifts: DemoGift[]): DemoFigures {
  const oneOffDonors = new Set<string>();
  const monthlyDonors = new Set<string>();
  const oneOff = { gifts: 0, raisedCents: 0 };
  const monthly = { payments: 0, raisedCents: 0 };
  let unpaidGifts = 0;
  for (const gift of gifts) {
    if (gift.outcome !== 'paid') {
      unpaidGifts++;
      continue;
    }
    const payments = 1 + gift.chargesAt.length;
    if (gift.frequency === 'one_off') {
      oneOffDonors.add(gift.donor.email);
      oneOff.gifts++;
      oneOff.raisedCents += gift.amountCents;
    } else {
      monthlyDonors.add(gift.donor.email);
      monthly.payments += payments;
      monthly.raisedCents += gift.amountCents * payments;
    }
  }
  const fees = { paid: 0, waived: 0, pending: 0 };
  for (const walker of walkers) fees[walker.fee]++;
  return {
    teams: teams.length,
    walkers: walkers.length,
    supporters: new Set([...oneOffDonors, ...monthlyDonors]).size,
    raisedCents: oneOff.raisedCents + monthly.raisedCents,
    oneOff: { donors: oneOffDonors.size, ...oneOff },
    monthly: { donors: monthlyDonors.size, ...monthly },
    unpaidGifts,
    fees,
  };
}

/** Names and e-mail addresses; each address is given once (walkers and donors are identified by it). */
class People {
  private readonly walkerEmails = new Set<string>();
  private readonly donorEmails = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  walker(): { name: string; email: string } {
    const [first, last] = this.name();
    const email = unique(this.walkerEmails, (n) => `${slug(first)}.${slug(last)}${n ? n + 1 : ''}@example.org`);
    return { name: `${first} ${last}`, email };
  }

  donor(): { name: string; email: string } {
    const [first, last] = this.name();
    const style = this.random.int(0, 2);
    const email = unique(this.donorEmails, (n) => {
      const tail = n ? String(n + 1) : '';
      if (style === 0) return `${slug(first)}.${slug(last)}${tail}@example.net`;
      if (style === 1) return `${slug(first)[0]}${slug(last)}${tail}@example.com`;
      return `${slug(last)}.${slug(first)}${tail}@example.org`;
    });
    return { name: `${first} ${last}`, email };
  }

  business(): { name: string; email: string } {
    const [, last] = this.name();
    const kind = this.random.pick(BUSINESS_KINDS);
    const form = this.random.pick(BUSINESS_FORMS);
    const email = unique(this.donorEmails, (n) => `info@${slug(kind)}-${slug(last)}${n ? n + 1 : ''}.example.com`);
    return { name: `${kind} ${last} ${form}`, email };
  }

  private name(): [string, string] {
    return [this.random.pick(FIRST_NAMES), this.random.pick(LAST_NAMES)];
  }
}

const toMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/** The first candidate not yet taken (`make(0)`, `make(1)`, ...), then taken. */
function unique(taken: Set<string>, make: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt++) {
    const candidate = make(attempt);
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/** "Van den Broeck" → "vandenbroeck", "Élise" → "elise". */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
