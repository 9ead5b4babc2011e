/**
 * Builds every row of the demo agency in memory, from the hand-written catalogue
 * (demo.ts) and a seeded PRNG, so two fresh databases get the same clients, people,
 * ID numbers, stages and documents (only the UUIDs and the times, which follow the
 * clock, differ). db/seed.ts writes the result in one transaction.
 *
 * The story it tells follows design.md: cards in every stage of every pipeline with
 * their history from intake, deadlines per §5, documents in every status per §6,
 * operators whose ID holds both slots (§4.2), and an audit event for every action.
 */
import type {
  auditEvents,
  clientCompanies,
  documentRegistrations,
  documentRequestComments,
  documentRequests,
  documentReviews,
  documents,
  documentVersions,
  externalAccounts,
  idSlots,
  notes,
  notifications,
  officialAccountNames,
  officialAccounts,
  people,
  personCompanies,
  registrationEvents,
  registrations,
  wecomCorps,
} from "@/db/schema";
import type { CompanyKind } from "@/lib/clients/kinds";
import {
  documentKinds,
  documentStatuses,
  MAX_IMAGE_BYTES,
  personDocumentKinds,
  requiredDocuments,
  type DocumentKind,
  type DocumentStatus,
} from "@/lib/documents/kinds";
import { newId } from "@/lib/ids";
import {
  guardStage,
  rejectableStages,
  pipelineProduct,
  pipelines,
  pipelineStages,
  sideStages,
  type Pipeline,
  type SideStage,
  type Stage,
  type Waiting,
} from "@/lib/registration/pipelines";
import { businessCalendar } from "@/lib/registration/calendar";
import { DEFAULT_OVERSEAS_FOLLOW_UP_DAYS, dueAtOnEntering } from "@/lib/registration/deadlines";
import { nationalDays } from "@/lib/registration/holidays";
import { chinaDate } from "@/lib/validation/china-date";
import { SAMPLE_COUNTY_CODES } from "@/lib/validation/data/gb2260";
import { createRng, pick, randomInt, type Rng } from "@/lib/validation/random";
import { generateResidentId, maskResidentId } from "@/lib/validation/resident-id";
import { generateUscc } from "@/lib/validation/uscc";
import {
  DEMO_EXTERNAL_ACCOUNTS,
  DEMO_INDIVIDUALS,
  DEMO_ORGS,
  DEMO_OVERSEAS,
  MOVE_NOTES,
  NAMED_PEOPLE,
  NOTE_BODIES,
  ORIGINAL_NAMES,
  REJECT_REASONS,
  REQUEST_COMMENTS,
  REQUEST_MESSAGES,
  SIDE_STATE_NOTES,
  type DemoAccountSpec,
  type DemoWecomSpec,
} from "./demo";
import type { DemoFiles } from "./files";
import { CITIES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from "./names";

/** The PRNG seed of the demo: change it and every generated name and number changes. */
export const DEMO_SEED = 20260301;

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

/** Encrypts and hashes a normalised ID number (lib/crypto/pii.ts in the seed). */
export type ProtectId = (normalised: string) => { ciphertext: Buffer; keyId: string; hmac: Buffer };

export type DemoUsers = { owner: string; admin: string; staff: string; manager: string; client: string };

export type DemoPlanInput = {
  now: Date;
  agencyId: string;
  secondAgencyId: string;
  users: DemoUsers;
  /** The demo client company's id (made now, or by an older seed). */
  clientCompanyId: string;
  protect: ProtectId;
  /** The bytes of the versions, by kind and type (./files.ts). */
  files: DemoFiles;
};

export type DemoPlan = {
  clientCompanies: Insert<typeof clientCompanies>[];
  people: Insert<typeof people>[];
  personCompanies: Insert<typeof personCompanies>[];
  registrations: Insert<typeof registrations>[];
  officialAccounts: Insert<typeof officialAccounts>[];
  officialAccountNames: Insert<typeof officialAccountNames>[];
  wecomCorps: Insert<typeof wecomCorps>[];
  externalAccounts: Insert<typeof externalAccounts>[];
  idSlots: Insert<typeof idSlots>[];
  registrationEvents: Insert<typeof registrationEvents>[];
  documentRequests: Insert<typeof documentRequests>[];
  documentRequestComments: Insert<typeof documentRequestComments>[];
  documents: Insert<typeof documents>[];
  documentRegistrations: Insert<typeof documentRegistrations>[];
  documentVersions: Insert<typeof documentVersions>[];
  documentReviews: Insert<typeof documentReviews>[];
  notes: Insert<typeof notes>[];
  notifications: Insert<typeof notifications>[];
  auditEvents: Insert<typeof auditEvents>[];
  /** The plaintext ID numbers by person id: for the seed's own checks, never stored. */
  idNumbers: Map<string, string>;
  /** When the story starts: the agencies and users were made before their first client. */
  startedAt: Date;
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CHINA_OFFSET = 8 * HOUR;

/** Days a card typically spends in a stage before it moves on. */
const STAGE_DAYS: Partial<Record<Stage, readonly [number, number]>> = {
  intake: [0.5, 3],
  documents: [2, 10],
  account_created: [0.2, 1.8],
  email_verified: [0.1, 1],
  type_chosen: [0.1, 1],
  subject_submitted: [1, 8],
  profile_submitted: [0.3, 2],
  under_review: [2, 9],
  application_submitted: [0.5, 3],
  awaiting_response: [5, 20],
  credentials_received: [0.5, 3],
  admin_appointed: [0.5, 3],
  corp_created: [0.5, 2],
  verification_submitted: [1, 6],
  verified: [0.5, 3],
  backend_configured: [1, 5],
  members_invited: [2, 10],
};

/** How likely a card is to stand in each state once every state has one. */
const STAGE_WEIGHTS: Record<Pipeline, readonly number[]> = {
  // intake … registered, then on_hold, rejected, abandoned
  oa_cn_org: [4, 9, 4, 3, 3, 6, 4, 8, 34, 4, 3, 3],
  oa_cn_individual: [4, 9, 4, 3, 3, 6, 4, 8, 34, 4, 3, 3],
  oa_overseas: [5, 10, 6, 14, 5, 45, 4, 3, 3],
  wecom: [4, 4, 8, 5, 6, 4, 4, 4, 46, 4, 3, 3],
};

const TERMINAL: Record<Pipeline, Stage> = {
  oa_cn_org: "registered",
  oa_cn_individual: "registered",
  oa_overseas: "registered",
  wecom: "live",
};

const USCC_PREFIX = { enterprise: "91", individual_business: "92", government: "11", media: "12", other_org: "52" } as const;

/** Trunk codes for fixed lines, by the first digits of the county code. */
const AREA_CODES: readonly (readonly [prefix: string, code: string])[] = [
  ["3205", "0512"], ["3301", "0571"], ["3302", "0574"], ["3501", "0591"], ["3502", "0592"], ["3702", "0532"],
  ["4201", "027"], ["4301", "0731"], ["4401", "020"], ["4403", "0755"], ["4419", "0769"], ["4601", "0898"],
  ["5101", "028"], ["5301", "0871"], ["6101", "029"], ["3201", "025"], ["11", "010"], ["12", "022"],
  ["31", "021"], ["50", "023"],
];

const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
  "158", "159", "166", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199",
] as const;

/* --------------------------------------------------------------- helpers */

const between = (rng: Rng, min: number, max: number) => min + rng() * (max - min);
const chance = (rng: Rng, p: number) => rng() < p;

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(rng, 0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function hex(rng: Rng, bytes: number): string {
  let out = "";
  for (let i = 0; i < bytes; i++) out += randomInt(rng, 0, 255).toString(16).padStart(2, "0");
  return out;
}

function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 23:59:59 of that day in China, where deadlines fall (design.md §5). */
export function endOfChinaDay(iso: string): Date {
  return new Date(`${iso}T23:59:59+08:00`);
}

/**
 * The deadline `count` business days after `from`: counting starts the next business
 * day. Monday to Friday only; the holidays table is not consulted here (the seed makes
 * none), so deadlines near a holiday are a day or two early.
 */
export function addBusinessDays(from: Date, count: number): Date {
  let iso = chinaDate(from);
  let left = count;
  while (left > 0) {
    iso = addDaysIso(iso, 1);
    const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return endOfChinaDay(iso);
}

/** Moves an instant back into office hours in China (09:00–19:00), never later. */
function officeHours(rng: Rng, at: Date): Date {
  const local = new Date(at.getTime() + CHINA_OFFSET);
  const hour = local.getUTCHours();
  if (hour >= 9 && hour < 19) return at;
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  if (hour < 9) day.setUTCDate(day.getUTCDate() - 1);
  const minutes = 17 * 60 + randomInt(rng, 0, 119);
  return new Date(day.getTime() + minutes * 60_000 - CHINA_OFFSET);
}

function isSide(stage: Stage): stage is SideStage {
  return (sideStages as readonly string[]).includes(stage);
}

/** The demo agency's calendar: the national one the seed gives it (db/seed.ts). */
const DEMO_CALENDAR = businessCalendar(nationalDays());

function dueAt(pipeline: Pipeline, stage: Stage, enteredAt: Date, requestDueOn: string | null): Date | null {
  // The documents stage waits for the document request's due date; the others set what the app sets.
  if (stage === "documents") return requestDueOn ? endOfChinaDay(requestDueOn) : null;
  return dueAtOnEntering({
    pipeline,
    stage,
    enteredAt,
    calendar: DEMO_CALENDAR,
    timeZone: "Asia/Shanghai",
    overseasFollowUpDays: DEFAULT_OVERSEAS_FOLLOW_UP_DAYS,
  });
}

function defaultWaiting(rng: Rng, stage: Stage): Waiting {
  switch (stage) {
    case "documents":
      return chance(rng, 0.8) ? "client" : "none";
    case "account_created":
      return chance(rng, 0.5) ? "client" : "none";
    case "on_hold":
      return "client";
    case "subject_submitted":
    case "under_review":
    case "awaiting_response":
    case "verification_submitted":
      return "wechat";
    default:
      return "none";
  }
}

/* ----------------------------------------------------------------- types */

type PersonRef = { id: string; name: string; hmac: Buffer | null };

type CompanyRef = {
  id: string;
  key: string;
  agencyId: string;
  kind: CompanyKind;
  nameZh: string | null;
  nameEn: string | null;
  industry: string;
  scale: string;
  region: string | null;
  operator: PersonRef;
  /** Whether its client administrator uploads (the demo client): otherwise staff do. */
  clientUploads: boolean;
  legacyOrgCode: boolean;
  row: Insert<typeof clientCompanies>;
  docs: Map<string, Insert<typeof documents>>;
  /** Login e-mails and WeChat IDs are numbered per company. */
  accountCount: number;
};

type CardSpec = {
  company: CompanyRef;
  pipeline: Pipeline;
  account?: DemoAccountSpec;
  wecom?: DemoWecomSpec;
  stage?: Stage;
  resume?: Stage;
};

type SlotTaker = { person: PersonRef; at: Date; officialAccountId?: string; externalAccountId?: string };

/* ------------------------------------------------------------------ plan */

export function buildDemoPlan(input: DemoPlanInput): DemoPlan {
  const { now, agencyId, users } = input;
  const rng = createRng(DEMO_SEED);
  const plan: DemoPlan = {
    clientCompanies: [],
    people: [],
    personCompanies: [],
    registrations: [],
    officialAccounts: [],
    officialAccountNames: [],
    wecomCorps: [],
    externalAccounts: [],
    idSlots: [],
    registrationEvents: [],
    documentRequests: [],
    documentRequestComments: [],
    documents: [],
    documentRegistrations: [],
    documentVersions: [],
    documentReviews: [],
    notes: [],
    notifications: [],
    auditEvents: [],
    idNumbers: new Map(),
    startedAt: now,
  };
  const usedIds = new Set<string>();
  const slotTakers: SlotTaker[] = [];
  const companies: CompanyRef[] = [];
  const cards: CardSpec[] = [];
  const cardRows = new Map<CardSpec, { registration: Insert<typeof registrations>; accountId?: string; times: Date[] }>();

  const audit = (
    agency: string,
    at: Date,
    actor: string | null,
    action: string,
    targetType: string | null,
    targetId: string | null,
    data: Record<string, unknown> = {},
  ) => {
    plan.auditEvents.push({ id: newId(), agencyId: agency, actorUserId: actor, action, targetType, targetId, data, at });
  };
  const pickAssignee = () => weighted(rng, [[users.staff, 6], [users.admin, 2.5], [users.owner, 1.5]] as const);
  const pickReviewer = () => weighted(rng, [[users.staff, 7], [users.admin, 3]] as const);

  /* ---- people */

  const person = (
    agency: string,
    spec: {
      name: string;
      sex: "male" | "female";
      birthYear: number;
      /** Where the ID was issued; a sample county when not given. */
      region?: string;
      email?: string | null;
      /** Where the person works: a fixed line there. */
      fixedLineIn?: string;
    },
  ): PersonRef => {
    const month = randomInt(rng, 1, 12);
    const birthDate = `${spec.birthYear}-${String(month).padStart(2, "0")}-${String(randomInt(rng, 1, 28)).padStart(2, "0")}`;
    let idNumber: string;
    do {
      idNumber = generateResidentId({
        rng,
        regionCode: spec.region ?? pick(rng, SAMPLE_COUNTY_CODES),
        birthDate,
        sex: spec.sex,
      });
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const age = now.getUTCFullYear() - spec.birthYear;
    // Cards for people over 45 are valid for life (长期); a few have run out.
    const expired = age <= 45 && chance(rng, 0.06);
    const idExpiresOn =
      age > 45 ? null : chinaDate(new Date(now.getTime() + (expired ? -between(rng, 10, 120) : between(rng, 60, 3_600)) * DAY));
    const protectedId = input.protect(idNumber);
    const id = newId();
    const workplace = spec.fixedLineIn;
    const area = workplace ? AREA_CODES.find(([prefix]) => workplace.startsWith(prefix))?.[1] : undefined;
    plan.people.push({
      id,
      agencyId: agency,
      name: spec.name,
      idType: "prc_resident_id",
      idNumberCiphertext: protectedId.ciphertext,
      idKeyId: protectedId.keyId,
      idNumberHmac: protectedId.hmac,
      idMask: maskResidentId(idNumber),
      birthDate,
      idExpiresOn,
      mobile: `+86${pick(rng, MOBILE_PREFIXES)}${String(randomInt(rng, 0, 99_999_999)).padStart(8, "0")}`,
      fixedLine:
        area
          ? `${area}-${randomInt(rng, 2, 8)}${String(randomInt(rng, 0, area.length === 3 ? 9_999_999 : 999_999)).padStart(area.length === 3 ? 7 : 6, "0")}`
          : null,
      email: spec.email ?? null,
      createdAt: now, // set to the company's time below
      updatedAt: now,
    });
    plan.idNumbers.set(id, idNumber);
    return { id, name: spec.name, hmac: protectedId.hmac };
  };

  const randomPerson = (agency: string, options: { minAge: number; maxAge: number; region?: string; fixedLine?: boolean }) => {
    const sex = chance(rng, 0.5) ? "male" : "female";
    const [surname] = weighted(rng, SURNAMES.map((s) => [s, s[2]] as const));
    const [given] = pick(rng, sex === "male" ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
    return person(agency, {
      name: surname[0] + given,
      sex,
      birthYear: now.getUTCFullYear() - randomInt(rng, options.minAge, options.maxAge),
      region: chance(rng, 0.5) ? options.region : undefined,
      fixedLineIn: options.fixedLine ? options.region : undefined,
    });
  };

  const link = (company: CompanyRef, who: PersonRef, role: "legal_representative" | "operator" | "contact") => {
    plan.personCompanies.push({ agencyId: company.agencyId, personId: who.id, clientCompanyId: company.id, role });
  };

  const named = new Map<string, PersonRef>();
  const namedPerson = (key: string) => {
    let ref = named.get(key);
    if (!ref) {
      const spec = NAMED_PEOPLE[key];
      if (!spec) throw new Error(`demo seed: no named person "${key}"`);
      ref = person(agencyId, { ...spec, email: `${spec.pinyin.replace(" ", "").toLowerCase()}@mail.example` });
      named.set(key, ref);
    }
    return ref;
  };

  /* ---- companies */

  const city = (code: string) => {
    const found = CITIES.find((c) => c.code === code);
    if (!found) throw new Error(`demo seed: no city ${code}`);
    return found;
  };

  const company = (
    agency: string,
    fields: Omit<Insert<typeof clientCompanies>, "agencyId" | "createdAt" | "updatedAt" | "id"> & { id?: string },
    extra: { key: string; operator: PersonRef; region: string | null; clientUploads?: boolean; legacyOrgCode?: boolean },
  ): CompanyRef => {
    const row: Insert<typeof clientCompanies> = {
      ...fields,
      id: fields.id ?? newId(),
      agencyId: agency,
      assigneeUserId: agency === agencyId ? pickAssignee() : users.staff,
      createdAt: now,
      updatedAt: now,
    };
    plan.clientCompanies.push(row);
    const ref: CompanyRef = {
      id: row.id,
      key: extra.key,
      agencyId: agency,
      kind: row.kind,
      nameZh: row.legalNameZh ?? null,
      nameEn: row.nameEn ?? null,
      industry: row.industry ?? "",
      scale: row.scale ?? "",
      region: extra.region,
      operator: extra.operator,
      clientUploads: extra.clientUploads ?? false,
      legacyOrgCode: extra.legacyOrgCode ?? false,
      row,
      docs: new Map(),
      accountCount: 0,
    };
    companies.push(ref);
    return ref;
  };

  for (const spec of DEMO_ORGS) {
    const where = city(spec.city);
    const prefix = spec.usccPrefix ?? USCC_PREFIX[spec.subjectType];
    const uscc =
      spec.uscc ??
      generateUscc({ rng, registrationAuthority: prefix[0], category: prefix[1], regionCode: spec.city });
    const small = spec.scale === "1-20" || spec.scale === "21-50";
    const legalRep = randomPerson(agencyId, { minAge: 32, maxAge: 62, region: spec.city, fixedLine: chance(rng, 0.4) });
    const operator = spec.operator
      ? namedPerson(spec.operator)
      : small && chance(rng, 0.5)
        ? legalRep
        : randomPerson(agencyId, { minAge: 23, maxAge: 40, region: spec.city });
    const ref = company(
      agencyId,
      {
        id: spec.key === "qinghe" ? input.clientCompanyId : undefined,
        kind: "cn_org",
        subjectType: spec.subjectType,
        legalNameZh: spec.zh,
        nameEn: spec.en,
        uscc,
        legacyOrgCode: spec.legacyOrgCode ? `${uscc.slice(8, 16)}-${uscc[16]}` : null,
        registrationNumber: spec.legacyOrgCode ? spec.city + String(randomInt(rng, 0, 999_999_999)).padStart(9, "0") : null,
        industry: spec.industry,
        scale: spec.scale,
        address: where.address + spec.street,
      },
      { key: spec.key, operator, region: where.region, clientUploads: spec.key === "qinghe", legacyOrgCode: spec.legacyOrgCode },
    );
    link(ref, legalRep, "legal_representative");
    link(ref, operator, "operator");
    if (!small && chance(rng, 0.4)) {
      link(ref, randomPerson(agencyId, { minAge: 24, maxAge: 45, region: spec.city, fixedLine: true }), "contact");
    } else {
      link(ref, operator, "contact");
    }
    for (const account of spec.accounts) cards.push({ company: ref, pipeline: "oa_cn_org", account, stage: account.stage });
    if (spec.wecom) cards.push({ company: ref, pipeline: "wecom", wecom: spec.wecom, stage: spec.wecom.stage });
  }

  for (const spec of DEMO_INDIVIDUALS) {
    const where = city(spec.city);
    const self = person(agencyId, {
      name: spec.name,
      sex: spec.sex,
      birthYear: spec.birthYear,
      region: spec.city,
      email: `${spec.pinyin.replace(" ", ".").toLowerCase()}@mail.example`,
    });
    const ref = company(
      agencyId,
      {
        kind: "cn_individual",
        subjectType: "individual",
        legalNameZh: spec.name,
        nameEn: spec.pinyin,
        industry: spec.industry,
        scale: "1-20",
        address: where.address,
      },
      { key: spec.key, operator: self, region: where.region },
    );
    link(ref, self, "legal_representative");
    link(ref, self, "operator");
    cards.push({ company: ref, pipeline: "oa_cn_individual", account: { ...spec.account, type: "subscription" }, stage: spec.account.stage });
  }

  for (const spec of DEMO_OVERSEAS) {
    // The client's China-based marketing lead operates the account with a PRC ID.
    const operator = randomPerson(agencyId, { minAge: 25, maxAge: 40 });
    const ref = company(
      agencyId,
      {
        kind: "overseas",
        subjectType: "overseas_company",
        legalNameZh: spec.zh ?? null,
        nameEn: spec.en,
        country: spec.country,
        foreignRegistrationNumber: spec.registrationNumber,
        industry: spec.industry,
        scale: spec.scale,
        address: spec.address,
      },
      { key: spec.key, operator, region: null },
    );
    const passport = input.protect(spec.contact.passport);
    const contactId = newId();
    plan.people.push({
      id: contactId,
      agencyId,
      name: spec.contact.name,
      idType: "passport",
      idNumberCiphertext: passport.ciphertext,
      idKeyId: passport.keyId,
      idNumberHmac: passport.hmac,
      idMask: maskResidentId(spec.contact.passport),
      idExpiresOn: chinaDate(new Date(now.getTime() + between(rng, 300, 3_000) * DAY)),
      mobile: spec.contact.mobile,
      email: spec.contact.email,
      createdAt: now,
      updatedAt: now,
    });
    plan.idNumbers.set(contactId, spec.contact.passport);
    link(ref, { id: contactId, name: spec.contact.name, hmac: null }, "contact");
    link(ref, operator, "operator");
    cards.push({
      company: ref,
      pipeline: "oa_overseas",
      account: { ...spec.account, type: "service" },
      stage: spec.account.stage,
    });
    if (spec.wecom) cards.push({ company: ref, pipeline: "wecom", wecom: spec.wecom, stage: spec.wecom.stage });
  }

  /* ---- stages: every state of every pipeline at least once, then by weight */

  for (const pipeline of pipelines) {
    const states = [...pipelineStages[pipeline], ...sideStages] as Stage[];
    const mine = cards.filter((c) => c.pipeline === pipeline);
    const covered = new Set(mine.flatMap((c) => (c.stage ? [c.stage] : [])));
    const missing = shuffle(rng, states.filter((s) => !covered.has(s)));
    for (const card of shuffle(rng, mine.filter((c) => !c.stage))) {
      card.stage = missing.shift() ?? weighted(rng, states.map((s, i) => [s, STAGE_WEIGHTS[pipeline][i]!] as const));
    }
    if (missing.length > 0) throw new Error(`demo seed: too few ${pipeline} cards for every stage`);
    for (const card of mine) {
      if (!isSide(card.stage!)) continue;
      const stages = pipelineStages[pipeline] as readonly Stage[];
      const open = stages.slice(0, -1);
      card.resume =
        card.stage === "rejected"
          ? pick(rng, rejectableStages[pipeline])
          : card.stage === "abandoned"
            ? pick(rng, open.slice(0, 3))
            : pick(rng, open.slice(1));
    }
  }

  /* ---- registrations, their history, accounts and corps */

  const buildCard = (card: CardSpec) => {
    const { company: co, pipeline } = card;
    const stage = card.stage!;
    const stages = pipelineStages[pipeline] as readonly Stage[];
    const side = isSide(stage);
    const effective = side ? card.resume! : stage;
    const effIdx = stages.indexOf(effective);
    const terminal = effective === TERMINAL[pipeline];
    const path = stages.slice(0, effIdx + 1);

    const inStage = side
      ? { on_hold: between(rng, 3, 40), rejected: between(rng, 1, 25), abandoned: between(rng, 10, 120) }[stage as SideStage]
      : terminal
        ? between(rng, 15, 420)
        : between(rng, 0.05, 1.3 * (STAGE_DAYS[effective]?.[1] ?? 3));
    const enteredAt = officeHours(rng, new Date(now.getTime() - inStage * DAY));
    const times: Date[] = new Array(path.length);
    const lastAt = side
      ? new Date(enteredAt.getTime() - between(rng, ...(STAGE_DAYS[effective] ?? [1, 3])) * DAY)
      : enteredAt;
    times[path.length - 1] = officeHours(rng, lastAt);
    for (let k = path.length - 2; k >= 0; k--) {
      const [min, max] = STAGE_DAYS[path[k]!] ?? [1, 3];
      let at = officeHours(rng, new Date(times[k + 1]!.getTime() - between(rng, min, max) * DAY));
      if (at >= times[k + 1]!) at = new Date(times[k + 1]!.getTime() - 10 * 60_000);
      times[k] = at;
    }
    const createdAt = times[0]!;
    const assignee = co.agencyId === agencyId ? pickAssignee() : users.staff;
    const docsIdx = stages.indexOf("documents");
    const requestDueOn = effIdx >= docsIdx ? addDaysIso(chinaDate(times[docsIdx]!), 7) : null;
    const registrationId = newId();
    const registration: Insert<typeof registrations> = {
      id: registrationId,
      agencyId: co.agencyId,
      clientCompanyId: co.id,
      product: pipelineProduct[pipeline],
      pipeline,
      stage,
      resumeStage: side ? effective : null,
      stageEnteredAt: side ? enteredAt : times[path.length - 1]!,
      dueAt: side ? null : dueAt(pipeline, stage, times[path.length - 1]!, requestDueOn),
      waiting: card.account?.waiting ?? defaultWaiting(rng, stage),
      assigneeUserId: assignee,
      version: path.length + (side ? 1 : 0),
      createdAt,
      updatedAt: side ? enteredAt : times[path.length - 1]!,
    };
    plan.registrations.push(registration);

    path.forEach((to, k) => {
      const notes = MOVE_NOTES[to];
      const eventAt = times[k]!;
      plan.registrationEvents.push({
        id: newId(),
        agencyId: co.agencyId,
        clientCompanyId: co.id,
        registrationId,
        fromStage: k === 0 ? null : path[k - 1]!,
        toStage: to,
        actorUserId: assignee,
        at: eventAt,
        note: k > 0 && notes && chance(rng, 0.4) ? pick(rng, notes) : null,
      });
      if (k === 0) audit(co.agencyId, eventAt, assignee, "registration.create", "registration", registrationId, { pipeline });
      else audit(co.agencyId, eventAt, assignee, "registration.move", "registration", registrationId, { from: path[k - 1], to });
    });
    if (side) {
      plan.registrationEvents.push({
        id: newId(),
        agencyId: co.agencyId,
        clientCompanyId: co.id,
        registrationId,
        fromStage: effective,
        toStage: stage,
        actorUserId: assignee,
        at: enteredAt,
        note: pick(rng, SIDE_STATE_NOTES[stage as SideStage]),
      });
      audit(co.agencyId, enteredAt, assignee, "registration.move", "registration", registrationId, { from: effective, to: stage });
    }

    const reached = (s: Stage) => {
      const i = stages.indexOf(s);
      return i >= 0 && effIdx >= i;
    };
    const updatedAt = registration.updatedAt;
    let accountId: string | undefined;
    if (card.account) {
      const spec = card.account;
      co.accountCount += 1;
      const n = co.accountCount;
      accountId = newId();
      const overseas = pipeline === "oa_overseas";
      const hasOperator = reached("documents");
      const profiled = overseas ? reached("application_submitted") : reached("profile_submitted");
      const profiledAt = profiled ? times[stages.indexOf(overseas ? "application_submitted" : "profile_submitted")]! : null;
      let verificationStatus: "none" | "pending" | "verified" | "expired" = "none";
      let verificationExpiresAt: Date | null = null;
      if (terminal && !side) {
        verificationStatus =
          pipeline === "oa_cn_individual"
            ? "none"
            : weighted(rng, [["verified", 5], ["pending", 1], ["expired", 1], ["none", 3]] as const);
        if (verificationStatus === "verified") {
          // Some fall inside the 90/30/7-day reminder windows.
          verificationExpiresAt = new Date(now.getTime() + pick(rng, [5, 25, 80, 150, 240, 330]) * DAY + randomInt(rng, 0, 20) * HOUR);
        } else if (verificationStatus === "expired") {
          verificationExpiresAt = new Date(now.getTime() - between(rng, 5, 60) * DAY);
        }
      }
      plan.officialAccounts.push({
        id: accountId,
        agencyId: co.agencyId,
        clientCompanyId: co.id,
        registrationId,
        subjectKind: co.kind,
        accountType: overseas ? "service" : reached("type_chosen") ? spec.type : null,
        operatorPersonId: hasOperator ? co.operator.id : null,
        name: spec.name,
        introduction: profiled ? spec.intro : null,
        introChangedAt: profiledAt,
        loginEmail: reached(overseas ? "application_submitted" : "account_created") ? `mp${n > 1 ? n : ""}@${co.key}.example` : null,
        wechatId: terminal && !side && chance(rng, 0.7) ? `${co.key}${n > 1 ? `_${n}` : ""}` : null,
        originalId: terminal && !side ? `gh_${hex(rng, 6)}` : null,
        registeredAt: terminal && !side ? times[path.length - 1]! : null,
        verificationStatus,
        verificationExpiresAt,
        createdAt,
        updatedAt,
      });
      if (spec.formerName && terminal && !side) {
        plan.officialAccountNames.push({
          id: newId(), agencyId: co.agencyId, clientCompanyId: co.id, officialAccountId: accountId,
          name: spec.formerName, changedAt: createdAt, changedBy: assignee,
        });
        const renamedAt = new Date(Math.min(times[path.length - 1]!.getTime() + 45 * DAY, now.getTime() - DAY));
        plan.officialAccountNames.push({
          id: newId(), agencyId: co.agencyId, clientCompanyId: co.id, officialAccountId: accountId,
          name: spec.name, changedAt: renamedAt, changedBy: assignee,
        });
        audit(co.agencyId, renamedAt, assignee, "official_account.rename", "official_account", accountId, { from: spec.formerName, to: spec.name });
      } else {
        plan.officialAccountNames.push({
          id: newId(), agencyId: co.agencyId, clientCompanyId: co.id, officialAccountId: accountId,
          name: spec.name, changedAt: createdAt, changedBy: assignee,
        });
      }
      if (hasOperator && stage !== "rejected" && stage !== "abandoned") {
        slotTakers.push({ person: co.operator, at: times[docsIdx]!, officialAccountId: accountId });
      }
    }
    if (card.wecom) {
      const verifiedNow = reached("verified");
      plan.wecomCorps.push({
        id: newId(),
        agencyId: co.agencyId,
        clientCompanyId: co.id,
        registrationId,
        adminPersonId: reached("admin_appointed") ? co.operator.id : null,
        corpName: co.nameZh ?? co.nameEn ?? card.wecom.shortName,
        shortName: card.wecom.shortName,
        industry: co.industry,
        scale: co.scale,
        tier: terminal && !side && chance(rng, 0.4) ? "paid" : "free",
        region: co.region,
        corpId: reached("corp_created") ? `ww${hex(rng, 8)}` : null,
        verificationStatus:
          stage === "rejected" && effective === "verification_submitted"
            ? "failed"
            : verifiedNow
              ? "verified"
              : effective === "verification_submitted"
                ? "pending"
                : "none",
        verificationExpiresAt: verifiedNow
          ? new Date(times[stages.indexOf("verified")]!.getTime() + 365 * DAY)
          : null,
        createdAt,
        updatedAt,
      });
    }
    cardRows.set(card, { registration, accountId, times });
  };

  for (const card of cards) buildCard(card);

  /* ---- people's and companies' times follow their first card */

  for (const co of companies) {
    const first = cards
      .filter((c) => c.company === co)
      .map((c) => cardRows.get(c)!.registration.createdAt.getTime())
      .reduce((a, b) => Math.min(a, b), now.getTime());
    const at = officeHours(rng, new Date(first - between(rng, 0.5, 6) * DAY));
    co.row.createdAt = at;
    co.row.updatedAt = at;
    audit(co.agencyId, at, co.row.assigneeUserId ?? users.admin, "client.create", "client_company", co.id, { kind: co.kind });
  }
  const companyOf = new Map(companies.map((c) => [c.id, c]));
  for (const row of plan.people) {
    const linked = plan.personCompanies
      .filter((l) => l.personId === row.id)
      .map((l) => companyOf.get(l.clientCompanyId)!.row.createdAt);
    const at = new Date(Math.min(...linked.map((d) => d.getTime())) + 20 * 60_000);
    row.createdAt = at;
    row.updatedAt = at;
    audit(row.agencyId, at, users.staff, "person.create", "person", row.id, { idType: row.idType });
  }

  /* ---- external accounts, then the slots in the order they were taken */

  for (const spec of DEMO_EXTERNAL_ACCOUNTS) {
    const co = companies.find((c) => c.key === spec.operatorOf);
    if (!co) throw new Error(`demo seed: no company "${spec.operatorOf}"`);
    const at = officeHours(rng, new Date(co.row.createdAt.getTime() + 2 * HOUR));
    const id = newId();
    plan.externalAccounts.push({
      id,
      agencyId,
      operatorPersonId: co.operator.id,
      name: spec.name,
      wechatId: spec.wechatId || null,
      note: spec.note,
      createdAt: at,
    });
    audit(agencyId, at, users.staff, "external_account.create", "external_account", id, {});
    slotTakers.push({ person: co.operator, at, externalAccountId: id });
  }
  const taken = new Map<string, number>();
  for (const taker of slotTakers.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const slot = (taken.get(taker.person.id) ?? 0) + 1;
    if (slot > 2) throw new Error(`demo seed: ${taker.person.name} would hold a third Official Account`);
    taken.set(taker.person.id, slot);
    plan.idSlots.push({
      agencyId,
      operatorIdHmac: taker.person.hmac!,
      slot,
      officialAccountId: taker.officialAccountId ?? null,
      externalAccountId: taker.externalAccountId ?? null,
      takenAt: taker.at,
    });
  }

  /* ---- documents, requests and reviews */

  const buildDocuments = (card: CardSpec) => {
    const { company: co, pipeline } = card;
    const { registration, times } = cardRows.get(card)!;
    const stages = pipelineStages[pipeline] as readonly Stage[];
    const stage = card.stage!;
    const side = isSide(stage);
    const effective = side ? card.resume! : stage;
    const effIdx = stages.indexOf(effective);
    const docsIdx = stages.indexOf("documents");
    const guardIdx = stages.indexOf(guardStage[pipeline]);
    const terminal = effective === TERMINAL[pipeline] && !side;
    const pinned = card.account?.documents ?? {};
    if (effIdx < docsIdx && Object.keys(pinned).length === 0 && chance(rng, 0.5)) return;

    const kinds = new Set<DocumentKind>([...requiredDocuments[pipeline], ...(Object.keys(pinned) as DocumentKind[])]);
    if (effIdx >= docsIdx) {
      if (card.account && terminal && chance(rng, 0.5)) kinds.add("logo");
      if (pipeline === "oa_overseas" && chance(rng, 0.6)) kinds.add("business_card");
      if (pipeline === "oa_overseas" && effIdx >= guardIdx) kinds.add("application");
      if (pipeline === "oa_cn_individual" && chance(rng, 0.5)) {
        kinds.add("id_card_front");
        kinds.add("id_card_back");
      }
      if (co.legacyOrgCode && pipeline === "oa_cn_org") kinds.add("org_code_certificate");
    }

    const docStart = effIdx >= docsIdx ? times[docsIdx]! : times[0]!;
    const docEnd = effIdx > docsIdx ? times[docsIdx + 1]! : side ? registration.updatedAt : now;
    const statusFor = (kind: DocumentKind): DocumentStatus => {
      const fixed = pinned[kind];
      if (fixed) return fixed;
      if (effIdx < docsIdx) return "requested";
      if (effIdx === docsIdx) {
        return weighted(rng, [["requested", 30], ["uploaded", 30], ["rejected", 20], ["approved", 20]] as const);
      }
      if (effIdx < guardIdx) return chance(rng, 0.7) ? "approved" : "uploaded";
      return terminal && chance(rng, 0.1) ? "expired" : "approved";
    };

    const requestId = newId();
    const requestStatus = effIdx <= docsIdx ? (stage === "abandoned" ? "cancelled" : "open") : "fulfilled";
    const made: DocumentKind[] = [];
    for (const kind of kinds) {
      const personal = (personDocumentKinds as readonly string[]).includes(kind);
      const key =
        kind === "authorisation_letter" || kind === "logo" || kind === "other" || kind === "application"
          ? `${registration.id}:${kind}`
          : personal
            ? `${co.operator.id}:${kind}`
            : kind;
      let doc = co.docs.get(key);
      if (!doc) {
        doc = makeDocument(card, kind, personal, statusFor(kind), docStart, docEnd, requestId);
        co.docs.set(key, doc);
        made.push(kind);
      }
      plan.documentRegistrations.push({
        agencyId: co.agencyId,
        clientCompanyId: co.id,
        documentId: doc.id,
        registrationId: registration.id,
      });
    }
    if (made.length === 0) return;
    const request: Insert<typeof documentRequests> = {
      id: requestId,
      agencyId: co.agencyId,
      clientCompanyId: co.id,
      registrationId: registration.id,
      kinds: made,
      dueOn: addDaysIso(chinaDate(docStart), 7),
      message: pick(rng, REQUEST_MESSAGES[pipeline]!),
      status: requestStatus,
      requestedBy: registration.assigneeUserId,
      createdAt: docStart,
    };
    plan.documentRequests.push(request);
    audit(co.agencyId, docStart, registration.assigneeUserId ?? null, "document_request.create", "document_request", requestId, { kinds: made });
    if (requestStatus === "open" || chance(rng, 0.15)) {
      const thread = co.clientUploads ? REQUEST_COMMENTS[1]! : pick(rng, REQUEST_COMMENTS);
      const lines: [string, string][] = [[registration.assigneeUserId ?? users.staff, thread.staff]];
      if (co.clientUploads && thread.client) {
        lines.push([users.client, thread.client]);
        if (thread.reply) lines.push([registration.assigneeUserId ?? users.staff, thread.reply]);
      }
      const span = Math.max(docEnd.getTime() - docStart.getTime(), HOUR);
      lines.forEach(([author, body], i) => {
        plan.documentRequestComments.push({
          id: newId(),
          agencyId: co.agencyId,
          clientCompanyId: co.id,
          documentRequestId: requestId,
          authorUserId: author,
          body,
          createdAt: new Date(docStart.getTime() + (span * (i + 1)) / (lines.length + 2)),
        });
      });
    }
  };

  const makeDocument = (
    card: CardSpec,
    kind: DocumentKind,
    personal: boolean,
    status: DocumentStatus,
    start: Date,
    end: Date,
    requestId: string,
  ): Insert<typeof documents> => {
    const co = card.company;
    const id = newId();
    const photo = personal || kind === "logo" || kind === "business_card";
    const versionCount = status === "requested" ? 0 : status === "expired" ? 1 : chance(rng, 0.3) ? 2 : 1;
    const span = Math.max(end.getTime() - start.getTime(), 2 * HOUR);
    let lastAt = start;
    let rowVersion = 1;
    const reasons = REJECT_REASONS[kind] ?? REJECT_REASONS.other!;
    let missingChop = false;
    for (let v = 0; v < versionCount; v++) {
      const last = v === versionCount - 1;
      const versionId = newId();
      const pdf = !photo && chance(rng, 0.6);
      // Real bytes (files.ts; put in the bucket after the commit) under upload.ts's finalKey.
      const file = input.files[kind][pdf ? "application/pdf" : "image/jpeg"];
      // The draws that once made up the size and hashes: kept, so every name and time after them stays as it was.
      void [pdf ? randomInt(rng, 150_000, 6_500_000) : randomInt(rng, 180_000, MAX_IMAGE_BYTES - 4_096), hex(rng, 32), hex(rng, 16)];
      const uploadedAt = new Date(start.getTime() + (span * (2 * v + 1)) / (2 * versionCount + 1));
      const uploader = co.clientUploads ? users.client : users.staff;
      plan.documentVersions.push({
        id: versionId,
        agencyId: co.agencyId,
        clientCompanyId: co.id,
        documentId: id,
        s3Key: `agencies/${co.agencyId}/companies/${co.id}/documents/${id}/${versionId}`,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        etag: file.etag,
        detectedType: file.type,
        originalName: pick(rng, ORIGINAL_NAMES[kind]![pdf ? "pdf" : "jpg"]),
        uploadedBy: uploader,
        uploadedAt,
      });
      audit(co.agencyId, uploadedAt, uploader, "document.upload", "document", id, { kind, versionId });
      lastAt = uploadedAt;
      rowVersion++;
      const decision = !last
        ? "reject"
        : status === "approved" || status === "expired"
          ? "approve"
          : status === "rejected"
            ? "reject"
            : null;
      if (!decision) continue; // the newest upload waits for review
      const reviewedAt = new Date(start.getTime() + (span * (2 * v + 2)) / (2 * versionCount + 1));
      const reason = decision === "reject" ? pick(rng, reasons) : null;
      if (reason && /公章|stamp|盖章/.test(reason)) missingChop = true;
      const reviewer = pickReviewer();
      plan.documentReviews.push({
        id: newId(),
        agencyId: co.agencyId,
        clientCompanyId: co.id,
        documentVersionId: versionId,
        decision,
        reason,
        reviewerUserId: reviewer,
        at: reviewedAt,
      });
      audit(co.agencyId, reviewedAt, reviewer, "document.review", "document", id, { kind, versionId, decision });
      lastAt = reviewedAt;
      rowVersion++;
    }
    const letter = kind === "authorisation_letter" || kind === "verification_letter";
    const accepted = status === "approved" || status === "expired";
    let expiresOn: string | null = null;
    if (status === "expired") {
      expiresOn = chinaDate(new Date(now.getTime() - between(rng, 5, 60) * DAY));
      lastAt = new Date(Math.max(lastAt.getTime(), endOfChinaDay(expiresOn).getTime() + 1_000));
      rowVersion++;
    } else if (personal) {
      expiresOn = (plan.people.find((p) => p.id === co.operator.id)?.idExpiresOn as string | null | undefined) ?? null;
    }
    const row: Insert<typeof documents> = {
      id,
      agencyId: co.agencyId,
      clientCompanyId: co.id,
      personId: personal ? co.operator.id : null,
      documentRequestId: requestId,
      kind,
      status,
      signed: letter && (accepted || (status !== "requested" && !missingChop)),
      chopped: letter && accepted,
      colourScan: kind === "business_licence" && status !== "requested" && (accepted || chance(rng, 0.5)),
      expiresOn,
      version: rowVersion,
      createdAt: start,
      updatedAt: lastAt,
    };
    plan.documents.push(row);
    return row;
  };

  // The most advanced card of a company decides the status of the documents it shares.
  const progress = (card: CardSpec) => {
    const stages = pipelineStages[card.pipeline] as readonly Stage[];
    return stages.indexOf(isSide(card.stage!) ? card.resume! : card.stage!) / stages.length;
  };
  for (const card of [...cards].sort((a, b) => progress(b) - progress(a))) buildDocuments(card);

  /* ---- notes, notifications */

  const mainCompanies = companies.filter((c) => c.agencyId === agencyId);
  NOTE_BODIES.forEach((body, i) => {
    const co = i === 0 ? mainCompanies[0]! : pick(rng, mainCompanies);
    const coCards = cards.filter((c) => c.company === co);
    const card = coCards.length > 0 && chance(rng, 0.6) ? pick(rng, coCards) : undefined;
    const from = co.row.createdAt.getTime();
    const at = officeHours(rng, new Date(from + rng() * (now.getTime() - from)));
    const author = weighted(rng, [[users.staff, 6], [users.admin, 3], [users.owner, 1]] as const);
    const id = newId();
    plan.notes.push({
      id,
      agencyId,
      clientCompanyId: co.id,
      registrationId: card ? cardRows.get(card)!.registration.id : null,
      authorUserId: author,
      body,
      createdAt: at,
    });
    audit(agencyId, at, author, "note.create", "note", id, {});
  });

  const nameOf = (companyId: string) => {
    const co = companyOf.get(companyId)!;
    return co.nameZh ?? co.nameEn ?? "";
  };
  const mine = plan.registrations.filter((r) => r.agencyId === agencyId && r.assigneeUserId === users.staff);
  const notify = (kind: string, data: Record<string, unknown>, hoursAgo: number, read: boolean) => {
    const createdAt = new Date(now.getTime() - hoursAgo * HOUR);
    plan.notifications.push({
      id: newId(),
      agencyId,
      userId: users.staff,
      kind,
      data,
      createdAt,
      readAt: read ? new Date(createdAt.getTime() + 2 * HOUR) : null,
    });
  };
  const uploaded = plan.documents.find((d) => d.agencyId === agencyId && d.status === "uploaded");
  if (uploaded) {
    notify("document.uploaded", { documentId: uploaded.id, kind: uploaded.kind, companyName: nameOf(uploaded.clientCompanyId) }, 1.5, false);
  }
  const soon = mine.find((r) => r.dueAt && r.dueAt > now);
  if (soon) {
    notify("registration.due_soon", { registrationId: soon.id, stage: soon.stage, dueAt: soon.dueAt, companyName: nameOf(soon.clientCompanyId) }, 5, false);
  }
  const late = mine.find((r) => r.dueAt && r.dueAt < now);
  if (late) {
    notify("registration.overdue", { registrationId: late.id, stage: late.stage, dueAt: late.dueAt, companyName: nameOf(late.clientCompanyId) }, 20, false);
  }
  const clientComment = plan.documentRequestComments.find((c) => c.authorUserId === users.client);
  if (clientComment) {
    notify("document_request.comment", { documentRequestId: clientComment.documentRequestId, companyName: nameOf(clientComment.clientCompanyId) }, 26, true);
  }
  const expiring = plan.officialAccounts
    .filter((a) => a.verificationStatus === "verified" && a.verificationExpiresAt)
    .sort((a, b) => a.verificationExpiresAt!.getTime() - b.verificationExpiresAt!.getTime())[0];
  if (expiring) {
    const daysLeft = Math.ceil((expiring.verificationExpiresAt!.getTime() - now.getTime()) / DAY);
    notify("verification.expiring", { officialAccountId: expiring.id, name: expiring.name, expiresAt: expiring.verificationExpiresAt, daysLeft }, 30, true);
  }
  for (const r of mine.slice(0, 3)) {
    notify("registration.assigned", { registrationId: r.id, pipeline: r.pipeline, companyName: nameOf(r.clientCompanyId) }, 24 * randomInt(rng, 3, 20), true);
  }

  plan.startedAt = new Date(Math.min(...plan.clientCompanies.map((c) => c.createdAt.getTime())) - 30 * DAY);
  assertCoverage(plan, agencyId);
  plan.auditEvents.sort((a, b) => a.at.getTime() - b.at.getTime());
  return plan;
}

/**
 * Second agency: a few clients of its own, so the agency picker leads somewhere that
 * looks different (and nothing of the demo agency shows there).
 */
export function buildSecondAgencyPlan(input: DemoPlanInput, plan: DemoPlan): void {
  const { now, secondAgencyId: agencyId, users } = input;
  const rng = createRng(DEMO_SEED + 1);
  const entries = [
    { zh: "天津渤海湾海产品有限公司", en: "Tianjin Bohai Bay Seafood Co., Ltd.", city: "120101", street: "南京路75号",
      industry: "食品", account: "渤海湾海鲜", stage: "documents" as Stage },
    { zh: "北京京北山居民宿管理有限公司", en: "Beijing Jingbei Mountain Lodge Management Co., Ltd.", city: "110105", street: "望京街10号",
      industry: "酒店住宿", account: "京北山居", stage: "under_review" as Stage },
    { zh: "北京市朝阳区禾木烘焙坊", en: "Hemu Bakery, Chaoyang District, Beijing", city: "110105", street: "朝阳北路101号",
      industry: "餐饮", account: "禾木烘焙", stage: "registered" as Stage },
  ];
  for (const [i, entry] of entries.entries()) {
    const where = CITIES.find((c) => c.code === entry.city)!;
    const created = new Date(now.getTime() - (60 - i * 15) * DAY);
    const companyId = newId();
    const individualBusiness = i === 2;
    const uscc = generateUscc({ rng, category: individualBusiness ? "2" : "1", regionCode: entry.city });
    plan.clientCompanies.push({
      id: companyId, agencyId, kind: "cn_org", subjectType: individualBusiness ? "individual_business" : "enterprise",
      legalNameZh: entry.zh, nameEn: entry.en, uscc, industry: entry.industry, scale: "21-50",
      address: where.address + entry.street, assigneeUserId: users.staff, createdAt: created, updatedAt: created,
    });
    const sex = rng() < 0.5 ? "male" : "female";
    const [surname] = pick(rng, SURNAMES);
    const [given] = pick(rng, sex === "male" ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
    const birthDate = `${randomInt(rng, 1970, 1995)}-0${randomInt(rng, 1, 9)}-1${randomInt(rng, 0, 9)}`;
    const idNumber = generateResidentId({ rng, regionCode: entry.city, birthDate, sex });
    const protectedId = input.protect(idNumber);
    const personId = newId();
    plan.people.push({
      id: personId, agencyId, name: surname + given, idType: "prc_resident_id",
      idNumberCiphertext: protectedId.ciphertext, idKeyId: protectedId.keyId, idNumberHmac: protectedId.hmac,
      idMask: maskResidentId(idNumber), birthDate,
      mobile: `+86${pick(rng, MOBILE_PREFIXES)}${String(randomInt(rng, 0, 99_999_999)).padStart(8, "0")}`,
      createdAt: created, updatedAt: created,
    });
    plan.idNumbers.set(personId, idNumber);
    for (const role of ["legal_representative", "operator"] as const) {
      plan.personCompanies.push({ agencyId, personId, clientCompanyId: companyId, role });
    }
    const stages = pipelineStages.oa_cn_org as readonly Stage[];
    const path = stages.slice(0, stages.indexOf(entry.stage) + 1);
    const registrationId = newId();
    const times = path.map((_, k) => new Date(created.getTime() + (k + 1) * 2 * DAY));
    const enteredAt = times[times.length - 1]!;
    plan.registrations.push({
      id: registrationId, agencyId, clientCompanyId: companyId, product: "official_account", pipeline: "oa_cn_org",
      stage: entry.stage, stageEnteredAt: enteredAt,
      dueAt: dueAt("oa_cn_org", entry.stage, enteredAt, addDaysIso(chinaDate(times[Math.min(1, times.length - 1)]!), 7)),
      waiting: defaultWaiting(rng, entry.stage), assigneeUserId: users.staff, version: path.length,
      createdAt: times[0]!, updatedAt: enteredAt,
    });
    path.forEach((to, k) => {
      plan.registrationEvents.push({
        id: newId(), agencyId, clientCompanyId: companyId, registrationId, fromStage: k === 0 ? null : path[k - 1]!,
        toStage: to, actorUserId: users.staff, at: times[k]!,
      });
    });
    const accountId = newId();
    const registered = entry.stage === "registered";
    const name = entry.account;
    plan.officialAccounts.push({
      id: accountId, agencyId, clientCompanyId: companyId, registrationId, subjectKind: "cn_org",
      accountType: path.includes("type_chosen") ? "service" : null, operatorPersonId: personId, name,
      loginEmail: path.includes("account_created") ? `mp@north-${i + 1}.example` : null,
      registeredAt: registered ? enteredAt : null, originalId: registered ? `gh_${hex(rng, 6)}` : null,
      createdAt: times[0]!, updatedAt: enteredAt,
    });
    plan.officialAccountNames.push({
      id: newId(), agencyId, clientCompanyId: companyId, officialAccountId: accountId, name, changedAt: times[0]!, changedBy: users.staff,
    });
    plan.idSlots.push({ agencyId, operatorIdHmac: protectedId.hmac, slot: 1, officialAccountId: accountId, takenAt: times[1]! });
    plan.auditEvents.push({
      id: newId(), agencyId, actorUserId: users.staff, action: "client.create", targetType: "client_company",
      targetId: companyId, data: { kind: "cn_org" }, at: created,
    });
  }
}

/** The demo must show everything (the tests check it too): a plan that does not is a bug here. */
function assertCoverage(plan: DemoPlan, agencyId: string) {
  const regs = plan.registrations.filter((r) => r.agencyId === agencyId);
  for (const pipeline of pipelines) {
    for (const stage of [...pipelineStages[pipeline], ...sideStages]) {
      if (!regs.some((r) => r.pipeline === pipeline && r.stage === stage)) {
        throw new Error(`demo seed: no ${pipeline} card in ${stage}`);
      }
    }
  }
  const docs = plan.documents.filter((d) => d.agencyId === agencyId);
  // Quarantined is reached only when a stored object drifts from its row (0025): not planned here.
  for (const status of documentStatuses.filter((status) => status !== "quarantined")) {
    if (!docs.some((d) => d.status === status)) throw new Error(`demo seed: no document ${status}`);
  }
  for (const kind of documentKinds) {
    if (!docs.some((d) => d.kind === kind)) throw new Error(`demo seed: no ${kind} document`);
  }
  const both = new Set(plan.idSlots.filter((s) => s.slot === 2).map((s) => s.operatorIdHmac.toString("hex")));
  if (both.size < 2) throw new Error("demo seed: fewer than two IDs hold both slots");
}
