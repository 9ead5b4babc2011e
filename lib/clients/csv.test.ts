import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvRow } from "./csv";

describe("csvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("上海青禾文化传播有限公司")).toBe("上海青禾文化传播有限公司");
    expect(csvCell("91310110666007217T")).toBe("91310110666007217T");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvCell("Shanghai Qinghe Culture Media Co., Ltd.")).toBe('"Shanghai Qinghe Culture Media Co., Ltd."');
    expect(csvCell('The "Best" Co')).toBe('"The ""Best"" Co"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it("neutralises every cell a spreadsheet would take for a formula", () => {
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("+86 21 5555")).toBe("'+86 21 5555");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell("\r=cmd")).toBe("\"'\r=cmd\"");
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
  });

  it("neutralises only at the start", () => {
    expect(csvCell("A=B")).toBe("A=B");
    expect(csvCell("Zhang-San")).toBe("Zhang-San");
    expect(csvCell("a@b.example")).toBe("a@b.example");
  });
});

describe("csvRow", () => {
  it("joins cells with commas and ends the line with CRLF", () => {
    expect(csvRow(["a", "b, c", 3, null, "=x"])).toBe('a,"b, c",3,,\'=x\r\n');
  });

  it("has a UTF-8 byte order mark to write before the header", () => {
    expect(CSV_BOM).toBe("\uFEFF");
    expect([...new TextEncoder().encode(CSV_BOM)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
