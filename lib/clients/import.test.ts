/**
 * Issue 6 §7: reading a CSV of client companies, without the database. UTF-8 with and
 * without its byte order mark, GB18030 as Chinese Excel saves it (a fixture made with
 * `iconv -f UTF-8 -t GB18030`, since Node has no GBK encoder), headers in either
 * language, quoted cells with commas and line breaks, every row's errors by column, and
 * the file-level refusals (too large, too many rows, a workbook, no header we know).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { CSV_BOM, csvRow } from "./csv";
import { importFields, importHeaders, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseCompanyCsv } from "./import";

const VALID_USCC = "913101156477AWTT1U";
const OTHER_USCC = "9131011587X797623D";
/** Right shape, wrong check character (the form's warning that needs a reason). */
const WRONG_CHECK_USCC = "911101050819U73360";

const utf8 = (text: string) => new TextEncoder().encode(text);
const gbkFixture = () => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, "fixtures/clients-gbk.csv")));

/** The AppError `work` throws. */
function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a refusal");
}

describe("parseCompanyCsv: encodings", () => {
  const text = `kind,legalNameZh,uscc\r\ncn_org,上海云帆信息技术有限公司,${VALID_USCC}\r\n`;

  it("reads UTF-8 with a byte order mark (Excel's CSV UTF-8), the mark not part of the first header", () => {
    const parsed = parseCompanyCsv(utf8(CSV_BOM + text));
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.columns.map((column) => column.field)).toEqual(["kind", "legalNameZh", "uscc"]);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]).toMatchObject({ line: 2, values: { legalNameZh: "上海云帆信息技术有限公司" }, errors: {} });
  });

  it("reads UTF-8 without the mark", () => {
    const parsed = parseCompanyCsv(utf8(text));
    expect(parsed.encoding).toBe("utf-8");
    expect(parsed.rows[0]?.company).toMatchObject({ kind: "cn_org", legalNameZh: "上海云帆信息技术有限公司" });
  });

  it("reads GB18030 as saved by Chinese Excel, four-byte characters too", () => {
    const parsed = parseCompanyCsv(gbkFixture());
    expect(parsed.encoding).toBe("gb18030");
    expect(parsed.columns.map((column) => column.header)).toEqual([
      "类型",
      "中文名称",
      "英文名称",
      "统一社会信用代码",
      "国家或地区",
      "行业",
      "规模",
      "地址",
      "备注",
    ]);
    expect(parsed.unknownColumns).toEqual(["备注"]);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const [org, person, overseas, wrongCheck, incomplete, unknownKind, repeated] = parsed.rows;
    expect(org).toMatchObject({
      values: { kind: "中国企业或组织", legalNameZh: "杭州导入样例科技有限公司", scale: "小型" },
      errors: {},
      company: { kind: "cn_org", uscc: { value: VALID_USCC }, scale: "small", industry: "软件和信息技术服务业" },
    });
    // A comma inside quotes stays in the cell.
    expect(org?.values.address).toBe("浙江省杭州市西湖区文三路 90 号,东部软件园");
    // U+20BB7 takes four bytes in GB18030 (it is not in GBK).
    expect(person).toMatchObject({ errors: {}, company: { kind: "cn_individual", legalNameZh: "𠮷田导入样例" } });
    // A line break inside quotes: one cell, one row.
    expect(overseas).toMatchObject({ errors: {}, company: { kind: "overseas", country: "SG", scale: "medium" } });
    expect(overseas?.values.address).toBe("1 Raffles Place\r\n#20-01 One Raffles Place");
    expect(wrongCheck?.errors).toEqual({ uscc: "clients.errors.usccOverride" });
    expect(incomplete?.errors).toEqual({ legalNameZh: "clients.errors.nameRequired", scale: "clientImport.errors.scale" });
    expect(unknownKind?.errors).toEqual({ kind: "clientImport.errors.kind" });
    // Checked alone, a repeated row is valid: repeats are the preview's business.
    expect(repeated?.company?.uscc?.value).toBe(VALID_USCC);
    expect([wrongCheck, incomplete, unknownKind].every((row) => row?.company === undefined)).toBe(true);
  });

  it("reads UTF-16 with its byte order mark", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    const parsed = parseCompanyCsv(bytes);
    expect(parsed.encoding).toBe("utf-16le");
    expect(parsed.rows[0]?.errors).toEqual({});
  });
});

describe("parseCompanyCsv: headers and cells", () => {
  it("takes the template's header in either language, and the field names", () => {
    for (const headers of [importHeaders.en, importHeaders["zh-CN"], Object.fromEntries(importFields.map((f) => [f, f]))]) {
      const parsed = parseCompanyCsv(utf8(csvRow(importFields.map((field) => headers[field])) + csvRow(["cn_individual", "", "王芳"])));
      expect(parsed.columns.map((column) => column.field)).toEqual([...importFields]);
      expect(parsed.unknownColumns).toEqual([]);
    }
  });

  it("takes other spellings: case, spaces, full-width brackets, marks of optional", () => {
    const header = ["KIND", "企业名称（中文）", "English Name", "Unified Social Credit Code", "国家/地区", "Size (optional)", "行业（选填）"];
    const parsed = parseCompanyCsv(utf8(csvRow(header) + csvRow(["Outside China", "", "Lion Pte. Ltd.", "", "sg", "Large", "Retail"])));
    expect(parsed.columns.map((column) => column.field)).toEqual(["kind", "legalNameZh", "nameEn", "uscc", "country", "scale", "industry"]);
    expect(parsed.rows[0]?.company).toMatchObject({ kind: "overseas", nameEn: "Lion Pte. Ltd.", country: "sg", scale: "large" });
  });

  it("reports unknown and repeated columns, and ignores them", () => {
    const parsed = parseCompanyCsv(utf8("kind,Chinese name,Notes,类型\r\n个人,王芳,VIP,企业\r\n"));
    expect(parsed.columns).toEqual([
      { header: "kind", field: "kind" },
      { header: "Chinese name", field: "legalNameZh" },
      { header: "Notes", field: null },
      { header: "类型", field: null },
    ]);
    expect(parsed.unknownColumns).toEqual(["Notes", "类型"]);
    expect(parsed.rows[0]?.company).toMatchObject({ kind: "cn_individual", legalNameZh: "王芳" });
  });

  it("reads our own export back: its header, its kind labels, formulas un-neutralised", () => {
    const exported =
      CSV_BOM +
      csvRow(["Chinese name", "English name", "Kind", "Unified Social Credit Code", "Assignee", "Registrations"]) +
      csvRow(["=1+1 有限公司", "", "Chinese organisation", VALID_USCC, "Staff Wang", 2]);
    const parsed = parseCompanyCsv(utf8(exported));
    expect(parsed.unknownColumns).toEqual(["Assignee", "Registrations"]);
    expect(parsed.rows[0]?.values.legalNameZh).toBe("=1+1 有限公司");
    expect(parsed.rows[0]?.errors).toEqual({});
  });

  it("takes semicolons or tabs when the header has them instead of commas", () => {
    const semicolons = parseCompanyCsv(utf8(`kind;legalNameZh;address\ncn_individual;王芳;"北京市; 朝阳区"\n`));
    expect(semicolons.rows[0]?.values).toEqual({ kind: "cn_individual", legalNameZh: "王芳", address: "北京市; 朝阳区" });
    const tabs = parseCompanyCsv(utf8("kind\tlegalNameZh\ncn_individual\t王芳\n"));
    expect(tabs.rows[0]?.values).toEqual({ kind: "cn_individual", legalNameZh: "王芳" });
  });

  it("numbers rows as a spreadsheet does: blank rows skipped but counted, short rows padded", () => {
    const parsed = parseCompanyCsv(utf8(`kind,legalNameZh,uscc\n\ncn_individual,王芳\n,,\ncn_org,某公司,${OTHER_USCC}\n,,\n\n`));
    expect(parsed.rows.map((row) => [row.line, Object.keys(row.errors).length])).toEqual([
      [3, 0],
      [5, 0],
    ]);
  });

  it("gives every error of a row by column, with the schema's message keys", () => {
    const parsed = parseCompanyCsv(
      utf8(
        csvRow(["kind", "legalNameZh", "uscc", "orgCode", "registrationNumber", "country", "subjectType"]) +
          csvRow(["cn_org", "", "12345", "", "12345", "", ""]) +
          csvRow(["overseas", "", "", "", "", "S1", ""]) +
          csvRow(["cn_individual", "王芳", "", "", "", "", "government"]) +
          csvRow(["", "王芳", "", "", "", "", ""]) +
          csvRow(["cn_org", "某公司", WRONG_CHECK_USCC, "", "", "", "个体工商户"]),
      ),
    );
    expect(parsed.rows.map((row) => row.errors)).toEqual([
      { legalNameZh: "clients.errors.nameRequired", uscc: "validation.uscc.format", registrationNumber: "clients.errors.registrationNumber" },
      { nameEn: "clients.errors.nameRequired", country: "clients.errors.country" },
      { subjectType: "clients.errors.subjectType" },
      { kind: "validation.required" },
      { uscc: "clients.errors.usccOverride" },
    ]);
  });

  it("keeps a credit code with a wrong check character when the row says why", () => {
    const parsed = parseCompanyCsv(utf8(`类型,中文名称,统一社会信用代码,保留原因\n中国企业,某公司,${WRONG_CHECK_USCC},执照上就是这个代码\n`));
    expect(parsed.rows[0]?.errors).toEqual({});
    expect(parsed.rows[0]?.company?.usccOverrideReason).toBe("执照上就是这个代码");
  });
});

describe("parseCompanyCsv: refusals", () => {
  const fileKey = (work: () => unknown) => {
    const error = refusal(work);
    expect(error.code).toBe("VALIDATION");
    return { key: (error.details.fields as Record<string, string>).file, params: error.details.params };
  };

  it("refuses an empty file, or one with only a header", () => {
    expect(fileKey(() => parseCompanyCsv(new Uint8Array()))).toEqual({ key: "clientImport.errors.empty", params: undefined });
    expect(fileKey(() => parseCompanyCsv(utf8("\r\n,,\r\n"))).key).toBe("clientImport.errors.empty");
    expect(fileKey(() => parseCompanyCsv(utf8("kind,legalNameZh\r\n,\r\n"))).key).toBe("clientImport.errors.noRows");
  });

  it("refuses a file over the size cap, and more rows than the cap", () => {
    expect(fileKey(() => parseCompanyCsv(new Uint8Array(MAX_IMPORT_BYTES + 1)))).toEqual({ key: "clientImport.errors.tooLarge", params: { max: 5 } });
    const many = "kind,legalNameZh\n" + "cn_individual,王芳\n".repeat(MAX_IMPORT_ROWS + 1);
    expect(fileKey(() => parseCompanyCsv(utf8(many)))).toEqual({ key: "clientImport.errors.tooManyRows", params: { max: MAX_IMPORT_ROWS } });
    expect(parseCompanyCsv(utf8("kind,legalNameZh\n" + "cn_individual,王芳\n".repeat(MAX_IMPORT_ROWS))).rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it("says so when given an Excel workbook, or bytes that are not text", () => {
    expect(fileKey(() => parseCompanyCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).key).toBe("clientImport.errors.workbook");
    expect(fileKey(() => parseCompanyCsv(new Uint8Array([0x6b, 0x00, 0x69, 0x00]))).key).toBe("clientImport.errors.unreadable");
  });

  it("refuses a header it cannot map, or one without the kind", () => {
    expect(fileKey(() => parseCompanyCsv(utf8("foo,bar\n1,2\n"))).key).toBe("clientImport.errors.noColumns");
    expect(fileKey(() => parseCompanyCsv(utf8("legalNameZh,uscc\n某公司,\n"))).key).toBe("clientImport.errors.noKindColumn");
  });

  it("points at the line of a quote that is never closed", () => {
    expect(fileKey(() => parseCompanyCsv(utf8('kind,legalNameZh\ncn_individual,王芳\ncn_individual,"李雷\n')))).toEqual({
      key: "clientImport.errors.malformed",
      params: { line: 3 },
    });
  });
});
