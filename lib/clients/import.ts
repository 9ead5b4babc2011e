/**
 * Client companies from a CSV file (issue 6 §7): read the file as Chinese Excel saves it,
 * check every row with the company form's own schema, say which rows are already in the
 * agency or repeated in the file, then import the valid new rows in one transaction.
 *
 * Reading: a UTF-8 byte order mark means UTF-8; bytes that are valid UTF-8 are UTF-8;
 * anything else is GB18030 (a superset of GBK, what "CSV (逗号分隔)" writes on a Chinese
 * Windows). The header row names the columns in English or Chinese, in any order; a
 * column nobody knows is reported and ignored. Rows are numbered as a spreadsheet shows
 * them: the header is row 1, so a quoted cell with a line break still counts as one row.
 *
 * Duplicates are never created: a row whose credit code (or, for a Chinese individual or
 * a company outside China, whose kind and names) is already in the agency, or appeared
 * on an earlier row, is skipped. Importing the same file twice creates nothing the second
 * time. Other agencies' companies are never looked at (RLS and the agency filter).
 */
import "server-only";
import { parse } from "csv-parse/sync";
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import { clientCompanies } from "@/db/schema";
import { withTenant, type Tx } from "@/db/tenant";
import { recordAudit } from "@/lib/audit/record";
import { clock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertCan } from "@/lib/rbac/permissions";
import { subjectTypes, type CompanyKind, type SubjectType } from "./kinds";
import { companyDetailFields, companyRow, companyScales, createCompanySchema, type CreateCompanyValues } from "./schemas";
import { restrictedToAssigned, tenantOf, type ClientsActor } from "./service";

/** Larger files are refused before they are read (the server action's body limit is a little above). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Rows of clients, the header not counted. */
export const MAX_IMPORT_ROWS = 5_000;

export const IMPORT_MESSAGES = {
  noFile: "clientImport.errors.noFile",
  empty: "clientImport.errors.empty",
  tooLarge: "clientImport.errors.tooLarge",
  tooManyRows: "clientImport.errors.tooManyRows",
  workbook: "clientImport.errors.workbook",
  unreadable: "clientImport.errors.unreadable",
  malformed: "clientImport.errors.malformed",
  noColumns: "clientImport.errors.noColumns",
  noKindColumn: "clientImport.errors.noKindColumn",
  noRows: "clientImport.errors.noRows",
  kind: "clientImport.errors.kind",
  scale: "clientImport.errors.scale",
  invalid: "clientImport.errors.invalid",
  notAllValid: "clientImport.errors.notAllValid",
} as const;

/** The columns an import reads, in the template's order. */
export const importFields = ["kind", ...companyDetailFields] as const;
export type ImportField = (typeof importFields)[number];

/** The template's header row in each language (also accepted, of course, when read back). */
export const importHeaders: Record<"en" | "zh-CN", Record<ImportField, string>> = {
  en: {
    kind: "Kind",
    subjectType: "Subject type",
    legalNameZh: "Chinese name",
    nameEn: "English name",
    uscc: "USCC",
    usccOverrideReason: "Reason to keep USCC",
    orgCode: "Organisation code",
    registrationNumber: "Registration number",
    country: "Country or region",
    foreignRegistrationNumber: "Foreign registration number",
    industry: "Industry",
    scale: "Scale",
    address: "Address",
  },
  "zh-CN": {
    kind: "类型",
    subjectType: "主体类型",
    legalNameZh: "中文名称",
    nameEn: "英文名称",
    uscc: "统一社会信用代码",
    usccOverrideReason: "保留原因",
    orgCode: "组织机构代码",
    registrationNumber: "注册号",
    country: "国家或地区",
    foreignRegistrationNumber: "当地注册号",
    industry: "行业",
    scale: "规模",
    address: "地址",
  },
};

/** Other names people give these columns (compared after `headerKey`). */
const headerAliases: Record<ImportField, readonly string[]> = {
  kind: ["kind", "type", "clientkind", "kindofclient", "clienttype", "客户类型", "主体类别"],
  subjectType: ["subjecttype", "subject"],
  legalNameZh: ["legalnamezh", "namezh", "chineselegalname", "legalname(chinese)", "企业名称(中文)", "企业名称", "企业全称", "中文姓名", "客户名称", "名称"],
  nameEn: ["nameen", "englishlegalname", "legalname(english)", "英文名", "企业名称(英文)"],
  uscc: ["uscc", "unifiedsocialcreditcode", "creditcode", "信用代码"],
  usccOverrideReason: ["usccoverridereason", "overridereason", "whykeepthiscode", "代码保留原因"],
  orgCode: ["orgcode", "organizationcode", "legacyorgcode"],
  registrationNumber: ["registrationnumber", "registrationno", "regno", "工商注册号"],
  country: ["country", "region", "countrycode", "国家", "地区", "国家/地区"],
  foreignRegistrationNumber: ["foreignregistrationnumber", "registrationnumberthere", "境外注册号"],
  industry: ["industry", "所属行业"],
  scale: ["scale", "size", "companysize", "企业规模"],
  address: ["address", "注册地址", "联系地址"],
};

/** A header cell as compared: NFKC (full-width → ASCII), lower case, no spaces, marks of "optional" dropped. */
function headerKey(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\((optional|required|选填|可选|必填|非必填)\)/g, "")
    .replace(/[\s_\-.*]/g, "");
}

const fieldByHeader = new Map<string, ImportField>();
for (const field of importFields) {
  for (const name of [field, importHeaders.en[field], importHeaders["zh-CN"][field], ...headerAliases[field]]) {
    fieldByHeader.set(headerKey(name), field);
  }
}

/** Cell values as people type them, compared like headers. */
const kindByValue = new Map<string, CompanyKind>(
  (
    [
      ["cn_org", ["chineseorganisation", "chineseorganization", "chinesecompany", "中国企业或组织", "中国企业", "中国组织", "企业", "组织"]],
      ["cn_individual", ["chineseindividual", "individual", "中国个人", "个人"]],
      ["overseas", ["outsidechina", "overseascompany", "foreign", "境外主体", "境外", "境外企业", "境外公司", "海外"]],
    ] as const
  ).flatMap(([kind, names]) => [kind, ...names].map((name) => [headerKey(name), kind] as const)),
);

const subjectTypeByValue = new Map<string, SubjectType>([
  ...subjectTypes.map((type) => [headerKey(type), type] as const),
  ...(
    [
      ["enterprise", ["企业"]],
      ["individual_business", ["individualbusiness", "个体工商户", "个体户"]],
      ["government", ["governmentbody", "政府机关", "政府"]],
      ["media", ["媒体"]],
      ["other_org", ["otherorganisation", "otherorganization", "其他组织"]],
      ["individual", ["个人"]],
      ["overseas_company", ["companyoutsidechina", "境外公司"]],
    ] as const
  ).flatMap(([type, names]) => names.map((name) => [headerKey(name), type] as const)),
]);

const scaleByValue = new Map<string, (typeof companyScales)[number]>([
  ...companyScales.map((scale) => [scale, scale] as const),
  ["微型", "micro"],
  ["小型", "small"],
  ["中型", "medium"],
  ["大型", "large"],
]);

export type ImportEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export type ParsedRow = {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  line: number;
  /** The cells of the known columns, trimmed. */
  values: Partial<Record<ImportField, string>>;
  /** Column → message key; a column the file does not have may appear (a required country). */
  errors: Partial<Record<ImportField, string>>;
  /** The company the row would create, when it has no errors. */
  company?: CreateCompanyValues;
};

export type ParsedCsv = {
  encoding: ImportEncoding;
  /** Every header cell in file order, with the column it was taken for (null: not known, or repeated). */
  columns: { header: string; field: ImportField | null }[];
  /** Header cells that name no column we know (or a column already named), ignored. */
  unknownColumns: string[];
  rows: ParsedRow[];
};

function fileError(messageKey: string, internal: string, params?: Record<string, number | string>): AppError {
  return new AppError("VALIDATION", internal, { fields: { file: messageKey }, messageKey, ...(params ? { params } : {}) });
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** The text of the file and how it was written (see the file comment). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: ImportEncoding } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  // Excel's "Unicode text" and some exporters: UTF-16 with its byte order mark.
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes), encoding: "utf-16le" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder("utf-16be").decode(bytes), encoding: "utf-16be" };
  // A workbook (.xlsx is a zip, .xls an OLE file) renamed or picked by mistake.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw fileError(IMPORT_MESSAGES.workbook, "a spreadsheet workbook, not CSV");
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: what Chinese Excel writes by default.
  }
  try {
    return { text: new TextDecoder("gb18030", { fatal: true }).decode(bytes), encoding: "gb18030" };
  } catch {
    throw fileError(IMPORT_MESSAGES.unreadable, "neither UTF-8 nor GB18030");
  }
}

/** Comma, unless the header row has more semicolons or tabs (Excel in other locales, "text" exports). */
function delimiterOf(text: string): string {
  let inQuotes = false;
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === "\n" || char === "\r")) break;
    else if (!inQuotes && char in counts) counts[char]!++;
  }
  return Object.entries(counts).reduce((best, entry) => (entry[1] > best[1] ? entry : best), [",", 0] as [string, number])[0];
}

/**
 * Our export writes a leading apostrophe before text a spreadsheet would run as a formula
 * (lib/clients/csv.ts); reading such a file back takes it off again.
 */
function cellValue(raw: string): string {
  const value = raw.trim();
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

/** A zod message that is one of our catalogue keys, or the import's generic one. */
function messageKeyOf(message: string): string {
  return /^[a-z][A-Za-z]*(\.[A-Za-z0-9_]+)+$/.test(message) ? message : IMPORT_MESSAGES.invalid;
}

/** Checks one row with the company form's schema; values are mapped from labels first. */
function checkRow(line: number, values: Partial<Record<ImportField, string>>): ParsedRow {
  const errors: Partial<Record<ImportField, string>> = {};
  const input: Record<string, unknown> = { ...values };
  const mapped = <T>(field: ImportField, table: Map<string, T>, message: string): void => {
    const value = values[field];
    if (!value) return;
    const found = table.get(headerKey(value));
    if (found === undefined) errors[field] = message;
    input[field] = found;
  };
  mapped("kind", kindByValue, IMPORT_MESSAGES.kind);
  mapped("subjectType", subjectTypeByValue, "clients.errors.subjectType");
  mapped("scale", scaleByValue, IMPORT_MESSAGES.scale);
  if (!values.kind) errors.kind = "validation.required";
  // The rest of the kind's demands only make sense once the kind is known.
  if (errors.kind) return { line, values, errors };

  // The per-kind rules run only once every field parses; a file is fixed in one go when
  // it shows them all, so fields that fail are dropped and the rest checked again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const parsed = createCompanySchema.safeParse(input);
    if (parsed.success) {
      return Object.keys(errors).length === 0 ? { line, values, errors, company: parsed.data } : { line, values, errors };
    }
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "kind") as ImportField;
      errors[field] ??= messageKeyOf(issue.message);
      delete input[field];
    }
  }
  return { line, values, errors };
}

/**
 * Reads a CSV file of client companies and checks every row (no database). File-level
 * problems (too large, a workbook, not text, unclosed quotes, no header we know, too many
 * rows) throw VALIDATION with `fields.file` and `messageKey`, and `params` for the message.
 */
export function parseCompanyCsv(bytes: Uint8Array): ParsedCsv {
  if (bytes.byteLength === 0) throw fileError(IMPORT_MESSAGES.empty, "empty file");
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw fileError(IMPORT_MESSAGES.tooLarge, `${bytes.byteLength} bytes`, { max: MAX_IMPORT_BYTES / 1024 / 1024 });
  }
  const { text, encoding } = decodeCsv(bytes);
  if (text.includes("\u0000")) throw fileError(IMPORT_MESSAGES.unreadable, "NUL in the text");

  let records: string[][];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw fileError(IMPORT_MESSAGES.malformed, `CSV: ${(error as Error).message}`, { line: typeof line === "number" ? line : 0 });
  }
  const blank = (record: readonly string[]) => record.every((cell) => cell.trim() === "");
  // Rows of empty cells at the end are what spreadsheets leave behind; the header is the first row with text.
  while (records.length > 0 && blank(records.at(-1)!)) records.pop();
  const headerIndex = records.findIndex((record) => !blank(record));
  if (headerIndex === -1) throw fileError(IMPORT_MESSAGES.empty, "no text");

  const seen = new Set<ImportField>();
  const columns = records[headerIndex]!.map((cell) => {
    const header = cell.trim();
    const field = fieldByHeader.get(headerKey(header)) ?? null;
    if (!field || seen.has(field)) return { header, field: null };
    seen.add(field);
    return { header, field };
  });
  const unknownColumns = columns.filter((column) => column.field === null && column.header !== "").map((column) => column.header);
  if (seen.size === 0) throw fileError(IMPORT_MESSAGES.noColumns, "no known column");
  if (!seen.has("kind")) throw fileError(IMPORT_MESSAGES.noKindColumn, "no kind column");

  const dataRows = records.slice(headerIndex + 1);
  if (dataRows.filter((record) => !blank(record)).length > MAX_IMPORT_ROWS) {
    throw fileError(IMPORT_MESSAGES.tooManyRows, `more than ${MAX_IMPORT_ROWS} rows`, { max: MAX_IMPORT_ROWS });
  }
  const rows: ParsedRow[] = [];
  dataRows.forEach((record, i) => {
    if (blank(record)) return;
    const values: Partial<Record<ImportField, string>> = {};
    columns.forEach((column, c) => {
      const value = cellValue(record[c] ?? "");
      if (column.field && value) values[column.field] = value;
    });
    rows.push(checkRow(headerIndex + i + 2, values));
  });
  if (rows.length === 0) throw fileError(IMPORT_MESSAGES.noRows, "a header and no rows");
  return { encoding, columns, unknownColumns, rows };
}

/* ------------------------------------------------------------ duplicates */

type Row = ReturnType<typeof companyRow>;
type Existing = { id: string; kind: CompanyKind; uscc: string | null; legalNameZh: string | null; nameEn: string | null };

const fold = (value: string | null) => (value ?? "").trim().toLowerCase();

/**
 * The keys a company is known by: its credit code, and for those without one to rely on
 * (a Chinese individual, a company outside China) its kind and both names.
 */
function keysOf(company: Pick<Row, "kind" | "uscc" | "legalNameZh" | "nameEn">): string[] {
  const keys: string[] = [];
  if (company.uscc) keys.push(`uscc:${company.uscc}`);
  if (company.kind !== "cn_org") keys.push(`name:${company.kind}:${fold(company.legalNameZh)}:${fold(company.nameEn)}`);
  return keys;
}

/** The agency's companies that share a credit code or a name with the rows (archived ones too). */
async function findExisting(tx: Tx, agencyId: string, rows: readonly Row[]): Promise<Existing[]> {
  const codes = [...new Set(rows.flatMap((row) => (row.uscc ? [row.uscc] : [])))];
  const named = rows.filter((row) => row.kind !== "cn_org");
  const zh = [...new Set(named.map((row) => fold(row.legalNameZh)).filter(Boolean))];
  const en = [...new Set(named.map((row) => fold(row.nameEn)).filter(Boolean))];
  const matches = [
    ...(codes.length > 0 ? [inArray(clientCompanies.uscc, codes)] : []),
    ...(zh.length > 0 ? [and(ne(clientCompanies.kind, "cn_org"), inArray(sql`lower(${clientCompanies.legalNameZh})`, zh))] : []),
    ...(en.length > 0 ? [and(ne(clientCompanies.kind, "cn_org"), inArray(sql`lower(${clientCompanies.nameEn})`, en))] : []),
  ];
  if (matches.length === 0) return [];
  return tx
    .select({
      id: clientCompanies.id,
      kind: clientCompanies.kind,
      uscc: clientCompanies.uscc,
      legalNameZh: clientCompanies.legalNameZh,
      nameEn: clientCompanies.nameEn,
    })
    .from(clientCompanies)
    .where(and(eq(clientCompanies.agencyId, agencyId), or(...matches)));
}

export type ImportRowStatus = "valid" | "invalid" | "existing" | "repeated";

export type PreviewRow = {
  line: number;
  values: Partial<Record<ImportField, string>>;
  errors: Partial<Record<ImportField, string>>;
  status: ImportRowStatus;
  /** "existing": the agency's company it matches; "repeated": the earlier row it repeats. */
  duplicateOf?: { companyId: string; name: string } | { line: number };
};

export type CompanyImportPreview = {
  encoding: ImportEncoding;
  /** The known columns, in file order. */
  columns: ImportField[];
  unknownColumns: string[];
  rows: PreviewRow[];
  summary: Record<ImportRowStatus, number>;
};

type Classified = { preview: CompanyImportPreview; toCreate: { line: number; row: Row }[] };

/** Each row's status against the agency's companies and the rows above it. */
function classify(parsed: ParsedCsv, existing: readonly Existing[]): Classified {
  const known = new Map<string, Existing>();
  for (const company of existing) for (const key of keysOf(company)) known.set(key, company);
  const earlier = new Map<string, number>();
  const summary: Record<ImportRowStatus, number> = { valid: 0, invalid: 0, existing: 0, repeated: 0 };
  const toCreate: Classified["toCreate"] = [];
  const rows = parsed.rows.map((parsedRow): PreviewRow => {
    const { line, values, errors, company } = parsedRow;
    const base = { line, values, errors };
    if (!company) {
      summary.invalid++;
      return { ...base, status: "invalid" };
    }
    const row = companyRow(company);
    const keys = keysOf(row);
    const match = keys.map((key) => known.get(key)).find(Boolean);
    if (match) {
      summary.existing++;
      return { ...base, status: "existing", duplicateOf: { companyId: match.id, name: match.legalNameZh ?? match.nameEn ?? "" } };
    }
    const repeats = keys.map((key) => earlier.get(key)).find((n) => n !== undefined);
    if (repeats !== undefined) {
      summary.repeated++;
      return { ...base, status: "repeated", duplicateOf: { line: repeats } };
    }
    for (const key of keys) earlier.set(key, line);
    summary.valid++;
    toCreate.push({ line, row });
    return { ...base, status: "valid" };
  });
  const columns = parsed.columns.flatMap((column) => (column.field ? [column.field] : []));
  return { preview: { encoding: parsed.encoding, columns, unknownColumns: parsed.unknownColumns, rows, summary }, toCreate };
}

function validRows(parsed: ParsedCsv): Row[] {
  return parsed.rows.flatMap((row) => (row.company ? [companyRow(row.company)] : []));
}

/**
 * What importing `bytes` would do, row by row: errors by column, and which rows are
 * already in the actor's agency or repeated in the file. Writes nothing. Needs
 * client:create (a manager: FORBIDDEN).
 */
export async function previewCompanyImport(actor: ClientsActor, bytes: Uint8Array): Promise<CompanyImportPreview> {
  assertCan(actor.role, "client:create");
  const parsed = parseCompanyCsv(bytes);
  const existing = await withTenant(tenantOf(actor, true), (tx) => findExisting(tx, actor.agency.id, validRows(parsed)));
  return classify(parsed, existing).preview;
}

export type ImportMode = "valid-only" | "all-or-nothing";
export const importModes = ["valid-only", "all-or-nothing"] as const satisfies readonly ImportMode[];

export type CompanyImportResult = {
  created: number;
  /** Skipped: already in the agency (also when someone added it since the preview). */
  existing: number;
  repeated: number;
  invalid: number;
};

/** Rows per INSERT: well under Postgres's 65 535 parameters. */
const INSERT_CHUNK = 500;

/**
 * Imports the valid rows of `bytes` that are new to the agency, in one transaction with a
 * client.create event per company and one client.import summary. "all-or-nothing" refuses
 * (VALIDATION, nothing written) when any row has an error; "valid-only" skips those rows.
 * Rows already in the agency, or repeated, are skipped in both modes: importing the same
 * file again creates nothing. Needs client:create (a manager: FORBIDDEN).
 */
export async function importCompanies(
  actor: ClientsActor,
  bytes: Uint8Array,
  mode: ImportMode,
  options: { requestId?: string | null } = {},
): Promise<CompanyImportResult> {
  assertCan(actor.role, "client:create");
  if (!importModes.includes(mode)) throw new AppError("VALIDATION", `unknown import mode ${String(mode)}`, { fields: { mode: "validation.required" } });
  const parsed = parseCompanyCsv(bytes);
  const invalid = parsed.rows.filter((row) => !row.company).length;
  if (mode === "all-or-nothing" && invalid > 0) {
    throw new AppError("VALIDATION", `${invalid} rows with errors`, { messageKey: IMPORT_MESSAGES.notAllValid, params: { count: invalid } });
  }
  const agencyId = actor.agency.id;
  return withTenant(tenantOf(actor), async (tx) => {
    // One import at a time per agency, so two people importing the same file at once
    // cannot both create the companies that have no unique code to collide on.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`weidesk.client-import:${agencyId}`}, 0))`);
    const { preview, toCreate } = classify(parsed, await findExisting(tx, agencyId, validRows(parsed)));
    const now = clock.now();
    // A staff member who sees only their own clients gets the new ones, or could not see them.
    const assigneeUserId = (await restrictedToAssigned(tx)) ? actor.user.id : null;
    const values = toCreate.map(({ row }) => ({ id: newId(), agencyId, ...row, assigneeUserId, createdAt: now, updatedAt: now }));
    const created: typeof values = [];
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      const chunk = values.slice(i, i + INSERT_CHUNK);
      // A credit code someone saved through the form since the lookup: skipped, not an error.
      const inserted = await tx.insert(clientCompanies).values(chunk).onConflictDoNothing().returning({ id: clientCompanies.id });
      const ids = new Set(inserted.map((row) => row.id));
      created.push(...chunk.filter((row) => ids.has(row.id)));
    }
    for (const company of created) {
      await recordAudit(tx, {
        agencyId,
        actorUserId: actor.user.id,
        action: "client.create",
        targetType: "client_company",
        targetId: company.id,
        data: { kind: company.kind, legalNameZh: company.legalNameZh, nameEn: company.nameEn, uscc: company.uscc, source: "import" },
        requestId: options.requestId ?? null,
      });
    }
    const result: CompanyImportResult = {
      created: created.length,
      existing: preview.summary.existing + (values.length - created.length),
      repeated: preview.summary.repeated,
      invalid: preview.summary.invalid,
    };
    await recordAudit(tx, {
      agencyId,
      actorUserId: actor.user.id,
      action: "client.import",
      targetType: "agency",
      targetId: agencyId,
      data: { mode, encoding: parsed.encoding, rows: parsed.rows.length, ...result },
      requestId: options.requestId ?? null,
    });
    return result;
  });
}
