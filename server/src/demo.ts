import * as Y from 'yjs';
import { NOTES_FIELD, board, workspaceDocName } from '@mekendesh/sync';
import {
  DEFAULT_VISIBILITY,
  LANGUAGES,
  REGIONS,
  SETTLEMENTS,
  SKILLS,
  SECTORS,
  DEFAULT_AWARD_CATEGORIES,
  assignmentId,
  type Account,
  type Nomination,
  type AccountRole,
  type Association,
  type CurrencyCode,
  type Pledge,
  type Project,
  type ProjectRole,
  type Availability,
  type Format,
  type Membership,
  type Profile,
  type ProfileVisibility,
  FORMATS,
} from '@mekendesh/core';
import { ASSOCIATION_SEEDS, DIASPORA_CITIES, FEMALE_GIVEN, MALE_GIVEN, SURNAME_ROOTS, surname } from '@mekendesh/core/names';
import { hashPassword } from './passwords.ts';
import type { ServerStore } from './storage/server-store.ts';

/** Password of the demo sign-in accounts (printed in README.md; demo data only). */
export const DEMO_PASSWORD = 'mekendesh-demo';

/** The demo accounts one can sign in with, one per role. */
export const DEMO_LOGINS: { email: string; name: string; roles: AccountRole[] }[] = [
  { email: 'coordinator@demo.mekendesh.kg', name: 'Айгүл Координатор', roles: ['coordinator'] },
  { email: 'leader@demo.mekendesh.kg', name: 'Бакыт Жетекчи', roles: ['association_leader'] },
  { email: 'embassy@demo.mekendesh.kg', name: 'Нурлан Элчиликтен', roles: ['embassy_staff'] },
  { email: 'partner@demo.mekendesh.kg', name: 'Кашкалдак айыл өкмөтү', roles: ['home_partner'] },
  { email: 'committee@demo.mekendesh.kg', name: 'Жыпар Комиссия', roles: ['committee_member'] },
  { email: 'member@demo.mekendesh.kg', name: 'Элмира Мекендеш', roles: [] },
];

/**
 * Needs of home communities, from the returnee assessment (water, roads, schools,
 * kindergartens, health) and the strategy's Annex 2 (medical equipment, help after disasters).
 */
const NEED_TEMPLATES: {
  title: string; sector: string; skills: string[]; formats: Format[]; duration: Availability; target: string;
}[] = [
  { title: 'Айылга таза суу түтүгүн тартуу', sector: 'energy_water', skills: ['energy_water.water_supply', 'energy_water.plumbing'], formats: ['onsite', 'consulting'], duration: 'medium', target: 'айылдын тургундары' },
  { title: 'Мектептин чатырын алмаштыруу', sector: 'construction', skills: ['construction.roofing', 'construction.house_building'], formats: ['onsite'], duration: 'short', target: 'мектеп окуучулары' },
  { title: 'Бала бакча куруу долбоорун даярдоо', sector: 'construction', skills: ['construction.engineering_design', 'construction.masonry'], formats: ['consulting', 'onsite'], duration: 'medium', target: 'мектепке чейинки балдар' },
  { title: 'Айыл жолун оңдоо', sector: 'construction', skills: ['construction.road_building', 'transport.heavy_machinery'], formats: ['onsite'], duration: 'medium', target: 'айылдын тургундары' },
  { title: 'Кычкылтек концентраторлорун тейлөөнү үйрөтүү', sector: 'health', skills: ['health.medical_equipment', 'health.nursing'], formats: ['training', 'remote_mentoring'], duration: 'short', target: 'ооруканадагы медайымдар' },
  { title: 'Мугалимдерге компьютердик сабак', sector: 'education', skills: ['education.stem_teaching', 'it.networks'], formats: ['training', 'remote_mentoring'], duration: 'short', target: 'мектеп мугалимдери' },
  { title: 'Жаштарга англис тили курсу', sector: 'languages', skills: ['languages.english', 'languages.language_teaching'], formats: ['remote_mentoring', 'training'], duration: 'long', target: 'жаштар' },
  { title: 'Тамчылатып сугаруу системасы', sector: 'agriculture', skills: ['energy_water.irrigation', 'agriculture.horticulture'], formats: ['consulting', 'onsite'], duration: 'medium', target: 'фермерлер' },
  { title: 'Жылытылган күнөскана куруу', sector: 'agriculture', skills: ['agriculture.greenhouse', 'construction.welding'], formats: ['onsite', 'training'], duration: 'short', target: 'аялдар кооперативи' },
  { title: 'Кайтып келген мигранттарга бизнес-пландоо', sector: 'business', skills: ['business.business_planning', 'business.starting_business'], formats: ['training', 'consulting'], duration: 'short', target: 'кайтып келген мигранттар' },
  { title: 'Ашкананы уюштуруу жана тамак коопсуздугу', sector: 'food', skills: ['food.food_safety', 'food.catering'], formats: ['training'], duration: 'short', target: 'мектеп ашканасынын кызматкерлери' },
  { title: 'Айыл өкмөтүнүн сайтын түзүү', sector: 'it', skills: ['it.web_development', 'it.design'], formats: ['remote_mentoring', 'consulting'], duration: 'medium', target: 'айыл өкмөтү' },
  { title: 'Мигранттардын үй-бүлөлөрүнө психологиялык колдоо', sector: 'social_work', skills: ['social_work.psychology', 'social_work.migrant_support'], formats: ['remote_mentoring'], duration: 'long', target: 'мигранттардын балдары' },
  { title: 'Тигүү цехин ачуу', sector: 'manufacturing', skills: ['manufacturing.sewing', 'business.cooperatives'], formats: ['onsite', 'investment'], duration: 'long', target: 'жумушсуз аялдар' },
  { title: 'Күн панелдерин орнотуу', sector: 'energy_water', skills: ['energy_water.solar', 'construction.electrical'], formats: ['onsite', 'investment'], duration: 'short', target: 'айыл мектеби' },
];

/** mulberry32: a small, fast, deterministic PRNG. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const weighted = <T>(xs: readonly T[], weight: (x: T) => number): T => {
    const total = xs.reduce((s, x) => s + weight(x), 0);
    let r = next() * total;
    for (const x of xs) if ((r -= weight(x)) < 0) return x;
    return xs[xs.length - 1]!;
  };
  const sample = <T>(xs: readonly T[], k: number): T[] => {
    const copy = [...xs];
    const out: T[] = [];
    while (out.length < k && copy.length) out.push(copy.splice(int(copy.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, weighted, sample, chance: (p: number) => next() < p };
}

/**
 * Sectors weighted by the returnee assessment: construction 20%, cooking 20%, sales 8%,
 * manual and garden work 8%, foreign languages 6%, cleaning 4%, farming 3%; the rest spread
 * over the other sectors.
 */
const SECTOR_WEIGHTS: Record<string, number> = {
  // manual and garden work (8%) and farming (3%) both fall under agriculture here
  construction: 20, food: 20, trade: 8, agriculture: 11, languages: 6, domestic_services: 4,
};
/** Where migrants come from: the south sends most (Osh, Jalal-Abad, Batken). */
const REGION_WEIGHTS: Record<string, number> = {
  osh: 24, jalal_abad: 20, batken: 12, chui: 12, issyk_kul: 6, naryn: 6, talas: 6, bishkek_city: 9, osh_city: 5,
};
const COUNTRY_LANGUAGE: Record<string, string> = {
  TR: 'tr', KR: 'ko', US: 'en', GB: 'en', DE: 'de', AE: 'ar', KZ: 'kk', JP: 'ja', IT: 'it', CN: 'zh', UZ: 'uz', FR: 'fr', ES: 'es',
};
const PHONE_PREFIX: Record<string, string> = {
  RU: '+79', KZ: '+77', TR: '+905', US: '+1312', KR: '+8210', AE: '+97150', DE: '+4915', GB: '+447', JP: '+8190', IT: '+393',
};

/** True when the database has no accounts yet (first start). */
export function isEmpty(store: ServerStore): boolean {
  return !store.db.get('SELECT 1 FROM credentials LIMIT 1');
}

export interface DemoSummary {
  members: number;
  associations: number;
  memberships: number;
  logins: number;
  needs: number;
  offers: number;
  projects: number;
  nominations: number;
}

/**
 * Needs posted by home partners in every region (one per village administration of the demo
 * partner and a few more), and offers from one member in ten, drawn from their own skills.
 */
function addSkillsTransfer(store: ServerStore, rnd: ReturnType<typeof prng>, ts: (daysAgo: number) => string, memberCount: number) {
  const { records, db } = store;
  const partnerLogin = `demo-login-${DEMO_LOGINS.findIndex((l) => l.roles.includes('home_partner')) + 1}`;
  const villages = SETTLEMENTS.filter((s) => s.kind === 'village');
  const pad = (n: number) => String(n).padStart(6, '0');
  const partners = [partnerLogin];
  for (let i = 1; i <= 8; i++) {
    const village = rnd.pick(villages);
    const id = `demo-p-${pad(i)}`;
    const name = `${village.labels.ky} айыл өкмөтү`;
    db.run('INSERT INTO credentials (account_id, email, password_hash, created_at) VALUES (?, ?, ?, ?)', [id, `partner${i}@example.org`, null, ts(200)]);
    records.put('accounts', { id, email: `partner${i}@example.org`, displayName: name, roles: ['member', 'home_partner'], locale: 'ky', createdAt: ts(200), updatedAt: ts(200) });
    partners.push(id);
  }
  let needs = 0;
  const kashkaldak = SETTLEMENTS.find((s) => s.id === 'osh.kashkaldak');
  for (let i = 0; i < 40; i++) {
    const t = NEED_TEMPLATES[i % NEED_TEMPLATES.length]!;
    const settlement = i === 0 && kashkaldak ? kashkaldak : rnd.pick(villages);
    const postedBy = i === 0 ? partnerLogin : rnd.pick(partners);
    const days = 5 + rnd.int(120);
    records.put('needs', {
      id: `demo-need-${pad(i + 1)}`, postedBy, organisation: `${settlement.labels.ky} айыл өкмөтү`, title: t.title, description: null,
      sector: t.sector, region: settlement.region, settlement: settlement.id, skills: t.skills, formats: t.formats, languages: ['ky'],
      duration: t.duration, startDate: null, endDate: null, targetGroup: t.target, country: null,
      status: rnd.chance(0.85) ? 'open' : 'closed', createdAt: ts(days), updatedAt: ts(days),
    });
    needs++;
  }
  let offers = 0;
  for (let n = 1; n <= memberCount; n += 10) {
    const profile = records.get('profiles', `demo-m-${pad(n)}`);
    if (!profile || profile.skills.length === 0) continue;
    const days = 3 + rnd.int(300);
    records.put('offers', {
      id: `demo-offer-${pad(n)}`, accountId: profile.id, title: `${SKILLS.find((s) => s.id === profile.skills[0])?.labels.ky ?? ''}: тажрыйба бөлүшөм`,
      description: null, sectors: profile.sectors, skills: profile.skills, formats: profile.formats, availability: profile.availability,
      languages: profile.languages, regions: profile.homeRegion ? [profile.homeRegion] : [], status: 'open', createdAt: ts(days), updatedAt: ts(days),
    });
    offers++;
  }
  return { needs, offers };
}

/**
 * Writes a deterministic, realistic dataset through the server's record store, so every row
 * is versioned and syncs like any other: associations in the cities of Annex 2 and beyond,
 * their leaders, and members whose skills, languages, countries and home regions follow the
 * source reports. Same seed, same data.
 */
export async function generateDemo(
  store: ServerStore,
  opts: { members?: number; seed?: number; logN?: number; now?: Date } = {},
): Promise<DemoSummary> {
  const memberCount = opts.members ?? 2000;
  const rnd = prng(opts.seed ?? 2026);
  const base = (opts.now ?? new Date('2026-06-01T00:00:00Z')).getTime();
  const ts = (daysAgo: number) => new Date(base - daysAgo * 86_400_000).toISOString();
  const loginHashes = await Promise.all(DEMO_LOGINS.map(() => hashPassword(DEMO_PASSWORD, opts.logN ?? 15)));

  const sectorWeight = (id: string) => SECTOR_WEIGHTS[id] ?? 2;
  const skillsBySector = new Map<string, typeof SKILLS[number][]>();
  for (const s of SKILLS) skillsBySector.set(s.sector, [...(skillsBySector.get(s.sector) ?? []), s]);
  const settlementsByRegion = new Map<string, typeof SETTLEMENTS[number][]>();
  for (const s of SETTLEMENTS) settlementsByRegion.set(s.region, [...(settlementsByRegion.get(s.region) ?? []), s]);
  const languageIds = new Set(LANGUAGES.map((l) => l.id));

  const { db, records } = store;
  let memberships = 0;
  const pad = (n: number) => String(n).padStart(6, '0');

  db.transaction(() => {
    const addAccount = (id: string, email: string, name: string, roles: AccountRole[], hash: string | null, days: number) => {
      const account: Account = {
        id, email, displayName: name, roles: ['member', ...roles], locale: 'ky', createdAt: ts(days), updatedAt: ts(days),
      };
      db.run('INSERT INTO credentials (account_id, email, password_hash, created_at) VALUES (?, ?, ?, ?)', [id, email, hash, ts(days)]);
      records.put('accounts', account);
    };
    const addMembership = (m: Membership) => {
      records.put('memberships', m);
      memberships++;
    };

    // Associations, each with a leader account.
    const associations = ASSOCIATION_SEEDS.map((seed, i) => {
      const city = DIASPORA_CITIES[seed.cityIndex]!;
      const id = `demo-a-${pad(i + 1)}`;
      const leaderId = `demo-l-${pad(i + 1)}`;
      const female = rnd.chance(0.5);
      const given = rnd.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
      const sur = surname(rnd.pick(SURNAME_ROOTS), female ? 'female' : 'male');
      addAccount(leaderId, `leader${i + 1}@example.org`, `${given.cyr} ${sur.cyr}`, ['association_leader'], null, 400);
      records.put('associations', {
        id, name: seed.name.ky, nameLatin: seed.name.en, country: seed.country, city: city.city.ru,
        description: null, contactEmail: `association${i + 1}@example.org`, verified: true,
        createdBy: leaderId, createdAt: ts(400 - i), updatedAt: ts(400 - i),
      });
      addMembership({
        id: `demo-ml-${pad(i + 1)}`, associationId: id, accountId: leaderId, status: 'active', role: 'leader',
        message: null, requestedAt: ts(400), decidedAt: ts(400), decidedBy: leaderId, updatedAt: ts(400),
      });
      return { id, leaderId, country: seed.country, cityIndex: seed.cityIndex };
    });

    // Sign-in accounts; the demo leader leads the first association too.
    DEMO_LOGINS.forEach((login, i) => {
      const id = `demo-login-${i + 1}`;
      addAccount(id, login.email, login.name, login.roles, loginHashes[i]!, 30);
      records.put('profiles', { id, ...emptyProfile(ts(30)), nameCyrillic: login.name });
      if (login.roles.includes('association_leader')) {
        addMembership({
          id: `demo-mlogin-${i + 1}`, associationId: associations[0]!.id, accountId: id, status: 'active', role: 'leader',
          message: null, requestedAt: ts(30), decidedAt: ts(30), decidedBy: associations[0]!.leaderId, updatedAt: ts(30),
        });
      }
    });

    for (let n = 1; n <= memberCount; n++) {
      const id = `demo-m-${pad(n)}`;
      const female = rnd.chance(0.5);
      const given = rnd.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
      const sur = surname(rnd.pick(SURNAME_ROOTS), female ? 'female' : 'male');
      const city = rnd.weighted(DIASPORA_CITIES, (c) => c.weight);
      const region = rnd.weighted(REGIONS, (r) => REGION_WEIGHTS[r.id] ?? 3);
      const settlement = rnd.pick(settlementsByRegion.get(region.id) ?? SETTLEMENTS);
      const primary = rnd.weighted(SECTORS, (s) => sectorWeight(s.id));
      const sectors = [primary.id, ...(rnd.chance(0.35) ? [rnd.weighted(SECTORS, (s) => sectorWeight(s.id)).id] : [])];
      const uniqueSectors = [...new Set(sectors)];
      const skills = [...new Set(uniqueSectors.flatMap((s) => rnd.sample(skillsBySector.get(s) ?? [], 1 + rnd.int(3)).map((k) => k.id)))];
      const abroadPool = skills.filter((s) => SKILLS.find((k) => k.id === s)?.acquiredAbroadCommon);
      const skillsAbroad = abroadPool.length ? rnd.sample(abroadPool, 1 + rnd.int(abroadPool.length)) : [];
      const local = COUNTRY_LANGUAGE[city.country];
      const languages = [
        ...(rnd.chance(0.92) ? ['ky'] : []),
        'ru',
        ...(local && languageIds.has(local) && rnd.chance(0.7) ? [local] : []),
        ...(rnd.chance(0.2) ? ['en'] : []),
      ];
      const formats = rnd.sample(FORMATS as readonly Format[], 1 + rnd.int(3));
      const availability: Availability | null = rnd.chance(0.85) ? rnd.pick(['short', 'medium', 'long'] as const) : null;
      const days = 10 + rnd.int(700);
      const visibility: ProfileVisibility = { ...DEFAULT_VISIBILITY };
      if (rnd.chance(0.2)) visibility.nameCyrillic = visibility.nameLatin = 'public';
      if (rnd.chance(0.15)) visibility.city = 'associations';
      if (rnd.chance(0.3)) visibility.phone = 'associations';
      const latinFull = `${given.lat} ${sur.lat}`;
      const profile: Profile = {
        id,
        nameCyrillic: `${given.cyr} ${sur.cyr}`,
        nameLatin: latinFull,
        country: city.country,
        city: city.city.ru,
        homeRegion: region.id,
        homeSettlement: settlement.region === region.id ? settlement.id : null,
        languages: [...new Set(languages)],
        skills,
        skillsAbroad,
        sectors: uniqueSectors,
        yearsExperience: rnd.int(31),
        availability,
        formats,
        gender: rnd.chance(0.9) ? (female ? 'female' : 'male') : null,
        bio: null,
        email: `${latinFull.toLowerCase().replace(/[^a-z]+/g, '.')}.${n}@example.org`,
        phone: `${PHONE_PREFIX[city.country] ?? '+99655'}${String(1_000_000 + rnd.int(8_999_999))}`,
        visibility,
        createdAt: ts(days),
        updatedAt: ts(Math.max(1, days - rnd.int(10))),
      };
      addAccount(id, profile.email!, profile.nameCyrillic!, [], null, days);
      records.put('profiles', profile);

      // Most members belong to an association in their city, or their country.
      const local_ = associations.filter((a) => DIASPORA_CITIES[a.cityIndex] === city);
      const national = associations.filter((a) => a.country === city.country);
      const pool = local_.length ? local_ : national;
      if (pool.length && rnd.chance(0.8)) {
        const a = rnd.pick(pool);
        const pending = rnd.chance(0.05);
        addMembership({
          id: `demo-mm-${pad(n)}`, associationId: a.id, accountId: id, status: pending ? 'pending' : 'active',
          role: rnd.chance(0.02) ? 'secretary' : 'member', message: null, requestedAt: ts(days),
          decidedAt: pending ? null : ts(days - 1), decidedBy: pending ? null : a.leaderId, updatedAt: ts(days),
        });
      }
    }
  });

  const counts = db.transaction(() => addSkillsTransfer(store, rnd, ts, memberCount));
  const projects = db.transaction(() => addProjects(store, ts, associations0(store)));
  const nominations = db.transaction(() => addAwards(store, ts));
  return { members: memberCount, associations: ASSOCIATION_SEEDS.length, memberships, logins: DEMO_LOGINS.length, ...counts, projects, nominations };
}

const associations0 = (store: ServerStore) => store.records.get('associations', 'demo-a-000001')!;

/**
 * Projects after the strategy's Annex 2: help for Batken region raised by a diaspora
 * association (public), a school roof for Kashkaldak run by its village administration with
 * compatriots (public), and a private draft. Amounts are in minor units of their currencies.
 */
function addProjects(store: ServerStore, ts: (daysAgo: number) => string, association: Association): number {
  const { records } = store;
  const login = (role: AccountRole | null) => `demo-login-${DEMO_LOGINS.findIndex((l) => (role ? l.roles.includes(role) : l.roles.length === 0)) + 1}`;
  const leader = login('association_leader');
  const partner = login('home_partner');
  const member = login(null);
  const date = (daysAgo: number) => ts(daysAgo).slice(0, 10);
  const pledger = records.get('accounts', 'demo-m-000001') ? 'demo-m-000001' : null;
  const project = (p: Omit<Project, 'createdAt' | 'updatedAt' | 'summary' | 'settlement' | 'organisation' | 'associationId' | 'partnerId'> & Partial<Project>, days: number) =>
    records.put('projects', { summary: null, settlement: null, organisation: null, associationId: null, partnerId: null, ...p, createdAt: ts(days), updatedAt: ts(1) });
  const member_ = (projectId: string, accountId: string, role: ProjectRole, addedBy: string, days: number) =>
    records.put('project_members', { id: `demo-pm-${projectId.slice(-2)}-${accountId}`, projectId, accountId, role, addedBy, createdAt: ts(days), updatedAt: ts(days) });
  const pledge = (id: string, projectId: string, p: Partial<Pledge> & Pick<Pledge, 'amount' | 'currency' | 'status'>, by: string, days: number) =>
    records.put('pledges', {
      id, projectId, pledgerId: null, donorName: null, anonymous: true, note: null, receivedOn: p.status === 'received' ? date(days - 5) : null,
      ...p, createdBy: by, createdAt: ts(days), updatedAt: ts(days),
    });
  const expense = (id: string, projectId: string, amount: number, currency: CurrencyCode, purpose: string, by: string, days: number) =>
    records.put('expenses', { id, projectId, amount, currency, purpose, spentOn: date(days), receiptUrl: null, receiptFileId: null, createdBy: by, createdAt: ts(days), updatedAt: ts(days) });
  const milestone = (id: string, projectId: string, title: string, dueDaysAgo: number, progress: number, days: number) =>
    records.put('milestones', { id, projectId, title, dueDate: date(dueDaysAgo), done: progress === 100, progress, createdAt: ts(days), updatedAt: ts(days) });
  const update = (id: string, projectId: string, text: string, authorId: string, days: number) =>
    records.put('project_updates', { id, projectId, text, date: date(days), authorId, authorName: records.get('accounts', authorId)!.displayName, createdAt: ts(days), updatedAt: ts(days) });

  // 1. An association's appeal for Batken region (as the Chicago diaspora raised USD 70,000 in 2021).
  const batken = 'demo-project-01';
  project({
    id: batken, title: 'Баткен облусундагы жабыркаган үй-бүлөлөргө жардам', sector: 'social_work', region: 'batken',
    summary: 'Чек арадагы окуядан жабыркаган үй-бүлөлөргө үйлөрүн калыбына келтирүүгө жана дары-дармекке жардам.',
    associationId: association.id, status: 'active', budgetAmount: 8_000_000, budgetCurrency: 'USD', isPublic: true, createdBy: leader,
  }, 120);
  member_(batken, leader, 'owner', leader, 120);
  member_(batken, member, 'editor', leader, 110);
  pledge('demo-pledge-0101', batken, { donorName: 'Чикагодогу кыргыз диаспорасы', anonymous: false, amount: 7_000_000, currency: 'USD', status: 'received' }, leader, 100);
  pledge('demo-pledge-0102', batken, { donorName: 'Филадельфиядагы кыргыздар', anonymous: false, amount: 500_000, currency: 'USD', status: 'pledged' }, leader, 60);
  pledge('demo-pledge-0103', batken, { donorName: 'Бишкектеги ишкер', amount: 50_000_000, currency: 'KGS', status: 'pledged' }, member, 40);
  if (pledger) pledge('demo-pledge-0104', batken, { pledgerId: pledger, amount: 15_000_000, currency: 'RUB', status: 'received' }, member, 30);
  expense('demo-expense-0101', batken, 4_200_000, 'USD', 'Курулуш материалдары (цемент, шифер, терезелер)', member, 70);
  expense('demo-expense-0102', batken, 12_000_000, 'KGS', 'Материалдарды Баткенге жеткирүү', member, 65);
  expense('demo-expense-0103', batken, 1_300_000, 'USD', 'Дары-дармектер', member, 50);
  milestone('demo-ms-0101', batken, 'Каражат чогултуу', 90, 100, 110);
  milestone('demo-ms-0102', batken, 'Материалдарды сатып алуу жана жеткирүү', 60, 100, 110);
  milestone('demo-ms-0103', batken, '40 үйдү калыбына келтирүү', -60, 55, 110);
  update('demo-update-0101', batken, 'Чикагодогу диаспора 70 000 доллар чогултту. Рахмат баарыңарга!', leader, 95);
  update('demo-update-0102', batken, 'Курулуш материалдары Баткенге жеткирилди; 22 үйдүн чатыры жабылды.', member, 20);

  // 2. A village administration's school roof, with compatriots in Istanbul.
  const roof = 'demo-project-02';
  project({
    id: roof, title: 'Кашкалдак айылындагы мектептин чатырын алмаштыруу', sector: 'construction', region: 'osh', settlement: 'osh.kashkaldak',
    summary: 'Мектептин эски чатыры агып жатат: 420 окуучу үчүн жаңы чатыр.', organisation: 'Кашкалдак айыл өкмөтү', partnerId: partner,
    status: 'active', budgetAmount: 120_000_000, budgetCurrency: 'KGS', isPublic: true, createdBy: partner,
  }, 80);
  member_(roof, partner, 'owner', partner, 80);
  member_(roof, member, 'viewer', partner, 75);
  pledge('demo-pledge-0201', roof, { donorName: 'Ыстамбулдагы кыргыздар', anonymous: false, amount: 3_000_000, currency: 'TRY', status: 'pledged' }, partner, 50);
  pledge('demo-pledge-0202', roof, { donorName: 'Айылдаш', amount: 25_000_000, currency: 'KGS', status: 'received' }, partner, 45);
  expense('demo-expense-0201', roof, 18_000_000, 'KGS', 'Шифер жана жыгач', partner, 30);
  milestone('demo-ms-0201', roof, 'Смета', 60, 100, 70);
  milestone('demo-ms-0202', roof, 'Жаңы чатыр', -45, 30, 70);
  update('demo-update-0201', roof, 'Смета бекитилди, материалдар сатылып алына баштады.', partner, 28);

  // 3. A draft the association has not published.
  const draft = 'demo-project-03';
  project({
    id: draft, title: 'Ош шаарында жаштарга IT-курстар', sector: 'it', region: 'osh_city', associationId: association.id,
    status: 'draft', budgetAmount: null, budgetCurrency: null, isPublic: false, createdBy: leader,
  }, 10);
  member_(draft, leader, 'owner', leader, 10);

  demoWorkspace(store, batken, {
    heading: 'Баткен: иш планы',
    paragraphs: ['Ар бир үй үчүн: чатыр, терезелер, жылуулук. Сметаны айыл өкмөтү менен текшеребиз.'],
    bullets: ['Үй-бүлөлөрдүн тизмесин жаңыртуу', 'Цемент жана шифер: үч жеткирүүчүдөн баа алуу', 'Ар бир чыгымга квитанция'],
    tasks: [
      { id: 'demo-task-0101', title: 'Калган 18 үйдүн тизмеси', column: 'todo', assignee: member, due: date(-14) },
      { id: 'demo-task-0102', title: 'Терезелерди жеткирүү', column: 'doing', assignee: leader, due: date(-7) },
      { id: 'demo-task-0103', title: '22 үйдүн чатыры', column: 'done', assignee: member, due: date(20) },
    ],
    by: leader,
    at: ts(20),
  });
  demoWorkspace(store, roof, {
    heading: 'Мектептин чатыры',
    paragraphs: ['Жайкы каникулда бүтүрүшүбүз керек: 1-сентябрга чейин.'],
    bullets: ['Шифер жана жыгач сатып алынды', 'Усталар менен келишим'],
    tasks: [
      { id: 'demo-task-0201', title: 'Усталар менен келишим', column: 'todo', assignee: partner, due: date(-10) },
      { id: 'demo-task-0202', title: 'Эски чатырды чечүү', column: 'doing', assignee: partner, due: date(-3) },
    ],
    by: partner,
    at: ts(28),
  });
  return 3;
}

/**
 * A project's workspace with notes (the editor's ProseMirror nodes: heading, paragraph, bullet
 * list) and a board with the default columns (their titles are translated on screen), stored
 * as one compacted state with an automatic version, as the rooms would leave it.
 */
function demoWorkspace(
  store: ServerStore,
  projectId: string,
  w: { heading: string; paragraphs: string[]; bullets: string[]; tasks: { id: string; title: string; column: string; assignee: string; due: string }[]; by: string; at: string },
): void {
  const doc = new Y.Doc();
  const notes = doc.getXmlFragment(NOTES_FIELD);
  const el = (name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}) => {
    const e = new Y.XmlElement(name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.insert(0, children);
    return e;
  };
  const text = (t: string) => new Y.XmlText(t);
  notes.insert(0, [
    el('heading', [text(w.heading)], { level: '2' }),
    ...w.paragraphs.map((p) => el('paragraph', [text(p)])),
    el('bulletList', w.bullets.map((b) => el('listItem', [el('paragraph', [text(b)])]))),
  ]);
  for (const id of ['todo', 'doing', 'done']) board.addColumn(doc, { id, title: '' });
  for (const t of w.tasks) board.addTask(doc, { ...t, createdAt: w.at });
  const name = workspaceDocName(projectId);
  const state = Y.encodeStateAsUpdate(doc);
  store.ydocs.compact(name, state, 0);
  store.ydocs.saveVersion({ id: `demo-version-${projectId.slice(-2)}`, doc: name, kind: 'auto', label: null, createdBy: w.by, state });
  doc.destroy();
}

function emptyProfile(now: string): Omit<Profile, 'id'> {
  return {
    nameCyrillic: null, nameLatin: null, country: null, city: null, homeRegion: null, homeSettlement: null,
    languages: ['ky', 'ru'], skills: [], skillsAbroad: [], sectors: [], yearsExperience: null, availability: null,
    formats: [], gender: null, bio: null, email: null, phone: null, visibility: DEFAULT_VISIBILITY, createdAt: now, updatedAt: now,
  };
}

/**
 * The award: the 2024 cycle, announced, with two winners who consented (the server issues
 * their certificates at start-up), and the 2026 cycle open for nominations: a draft and a
 * submitted nomination of the embassy's, and one in review with the demo committee member
 * assigned, so every role has something to do.
 */
function addAwards(store: ServerStore, ts: (daysAgo: number) => string): number {
  const { records } = store;
  const login = (role: AccountRole) => `demo-login-${DEMO_LOGINS.findIndex((l) => l.roles.includes(role)) + 1}`;
  const [coordinator, embassy, committee] = [login('coordinator'), login('embassy_staff'), login('committee_member')];
  const board = [committee, 'demo-m-000001', 'demo-m-000002'];
  const rubric = {
    scaleMin: 1,
    scaleMax: 10,
    criteria: [
      { id: 'impact', name: { ky: 'Мекенге тийгизген таасири', ru: 'Вклад в развитие родины', en: 'Impact at home' }, weight: 3 },
      { id: 'sustainability', name: { ky: 'Туруктуулугу', ru: 'Устойчивость', en: 'Sustainability' }, weight: 2 },
      { id: 'example', name: { ky: 'Башкаларга үлгү', ru: 'Пример для других', en: 'Example to others' }, weight: 1 },
    ],
  };
  const cycle = (id: string, year: number, dates: [string, string, string, string]) =>
    records.put('award_cycles', {
      id, year, title: { ky: `Мыкты Мекендеш ${year}`, ru: `Мыкты Мекендеш ${year}`, en: `Mykty Mekendesh ${year}` },
      categories: DEFAULT_AWARD_CATEGORIES, nominationsOpen: dates[0], nominationsClose: dates[1], reviewEnd: dates[2], announcement: dates[3],
      rubric, committee: board, reviewersPerNomination: 2, quorum: 2, winnerCooldownCycles: 2, nominatorCap: 3, published: true,
      createdBy: coordinator, createdAt: ts(400), updatedAt: ts(400),
    });
  cycle('demo-cycle-2024', 2024, ['2024-03-01', '2024-06-30', '2024-09-30', '2024-11-15']);
  cycle('demo-cycle-2026', 2026, ['2026-09-01', '2027-01-31', '2027-04-30', '2027-05-25']);
  const nomination = (id: string, over: Partial<Nomination> & Pick<Nomination, 'cycleId' | 'categoryId' | 'nomineeName' | 'statement' | 'status'>, daysAgo: number) =>
    records.put('nominations', {
      id, nomineeAccountId: null, nomineeCountry: null, nomineeCity: null, statementLang: 'ky', evidenceLinks: [], evidenceRefs: [], evidenceFiles: [],
      nominatorId: embassy, associationId: null, ineligibleReason: null, statusNote: null, consent: 'pending', consentAt: null, consentBy: null,
      decisions: [], submittedAt: over.status === 'draft' ? null : ts(daysAgo), createdAt: ts(daysAgo + 3), updatedAt: ts(daysAgo), ...over,
    });
  const decided = (at: string) => [
    { stage: 'shortlist' as const, yes: 3, no: 0, abstain: 0, quorum: 2, voters: [...board].sort(), outcome: 'shortlisted' as const, decidedBy: coordinator, decidedAt: at },
    { stage: 'award' as const, yes: 3, no: 0, abstain: 0, quorum: 2, voters: [...board].sort(), outcome: 'awarded' as const, decidedBy: coordinator, decidedAt: at },
  ];
  nomination('demo-nomination-2401', {
    cycleId: 'demo-cycle-2024', categoryId: 'philanthropy', nomineeName: 'Гүлнара Садыкова', nomineeCountry: 'TR', status: 'awarded', consent: 'given', consentAt: '2024-10-01T09:00:00.000Z',
    statement: 'Стамбулдагы кыргыз диаспорасы менен Баткен облусунда жер титирөөдөн жабыркаган 40 үй-бүлөгө үй калыбына келтирүүгө каражат чогултту.',
    decisions: decided('2024-10-20T10:00:00.000Z'),
  }, 420);
  nomination('demo-nomination-2402', {
    cycleId: 'demo-cycle-2024', categoryId: 'skills_transfer', nomineeName: 'Азамат Жумабаев', nomineeCountry: 'DE', status: 'awarded', consent: 'given', consentAt: '2024-10-02T09:00:00.000Z',
    statement: 'Мюнхендеги хирург: үч жыл бою Ош облустук ооруканасынын дарыгерлерин онлайн окутуп, 12 операцияны бирге жасады.', statementLang: 'ky',
    decisions: decided('2024-10-20T10:00:00.000Z'),
  }, 418);
  nomination('demo-nomination-2601', {
    cycleId: 'demo-cycle-2026', categoryId: 'investment', nomineeName: 'Эрлан Токтосунов', nomineeCountry: 'RU', status: 'in_review',
    statement: 'Москвадагы ишкер: Ат-Башы районунда жүн иштетүүчү цех ачып, 25 жумуш орун түздү.',
    evidenceLinks: [{ url: 'https://example.org/at-bashy-wool', title: 'Цехтин ачылышы' }],
  }, 20);
  nomination('demo-nomination-2602', {
    cycleId: 'demo-cycle-2026', categoryId: 'youth', nomineeName: 'Айпери Осмонова', nomineeCountry: 'KR', status: 'submitted',
    statement: 'Сеулдагы студент: кыргыз жаштары үчүн корей тили боюнча акысыз онлайн курстарды уюштурат.',
  }, 6);
  nomination('demo-nomination-2603', {
    cycleId: 'demo-cycle-2026', categoryId: 'culture_media', nomineeName: 'Бекжан Ашыров', status: 'draft', statement: '',
  }, 1);
  for (const reviewer of [committee, 'demo-m-000001']) {
    const id = assignmentId('demo-nomination-2601', reviewer);
    records.put('review_assignments', {
      id, cycleId: 'demo-cycle-2026', nominationId: 'demo-nomination-2601', reviewerId: reviewer, status: 'assigned', conflictNote: null,
      assignedBy: 'auto', createdAt: ts(15), updatedAt: ts(15),
    });
  }
  // The other reviewer already scored: the demo committee member sees it after scoring.
  const other = assignmentId('demo-nomination-2601', 'demo-m-000001');
  records.put('reviews', {
    id: other, assignmentId: other, cycleId: 'demo-cycle-2026', nominationId: 'demo-nomination-2601', reviewerId: 'demo-m-000001',
    scores: { impact: 8, sustainability: 7, example: 9 }, comment: 'Айылга реалдуу жумуш орундары.', status: 'submitted', submittedAt: ts(10), createdAt: ts(12), updatedAt: ts(10),
  });
  return 5;
}

