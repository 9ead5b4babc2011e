/** The browser's decisions before an upload (design.md §6): as it is, re-encoded with consent, or refused. */
import { describe, expect, it } from "vitest";
import {
  effectiveType,
  encodeSteps,
  fitsImageLimit,
  IMAGE_LIMIT_MB,
  jpegName,
  megabytes,
  PDF_LIMIT_MB,
  planFile,
  REENCODE_MAX_SIDE,
  REENCODE_MIN_SIDE,
  REENCODE_QUALITIES,
  UPLOAD_ACCEPT,
} from "./client-image";
import { MAX_IMAGE_BYTES, MAX_PDF_BYTES } from "./kinds";
import { uploadIntentInputSchema } from "./upload-schemas";

const file = (name: string, type: string, size: number) => ({ name, type, size });

describe("planFile", () => {
  it("sends JPEG, BMP and GIF images up to 2 MiB as they are", () => {
    expect(planFile(file("a.jpg", "image/jpeg", MAX_IMAGE_BYTES))).toEqual({ action: "upload", contentType: "image/jpeg" });
    expect(planFile(file("a.bmp", "image/bmp", 10))).toEqual({ action: "upload", contentType: "image/bmp" });
    expect(planFile(file("a.gif", "image/gif", 10))).toEqual({ action: "upload", contentType: "image/gif" });
  });

  it("re-encodes a JPEG, BMP or GIF over 2 MiB, and every other image whatever its size", () => {
    for (const type of ["image/jpeg", "image/bmp", "image/gif"]) {
      expect(planFile(file("a", type, MAX_IMAGE_BYTES + 1))).toEqual({ action: "reencode", because: "tooLarge" });
    }
    for (const type of ["image/png", "image/webp", "image/heic", "image/avif"]) {
      expect(planFile(file("a", type, 1000))).toEqual({ action: "reencode", because: "format" });
    }
  });

  it("sends PDFs up to 20 MiB and refuses larger ones (a PDF is not shrunk here)", () => {
    expect(planFile(file("a.pdf", "application/pdf", MAX_PDF_BYTES))).toEqual({ action: "upload", contentType: "application/pdf" });
    expect(planFile(file("a.pdf", "application/pdf", MAX_PDF_BYTES + 1))).toEqual({ action: "refuse", reason: "pdfTooLarge" });
  });

  it("refuses empty files, SVG and anything that is neither an image nor a PDF", () => {
    expect(planFile(file("a.jpg", "image/jpeg", 0))).toEqual({ action: "refuse", reason: "empty" });
    for (const type of ["image/svg+xml", "text/html", "application/zip", "video/mp4", ""]) {
      expect(planFile(file("a", type, 100))).toEqual({ action: "refuse", reason: "unsupported" });
    }
  });

  it("what it sends as it is, the server's intent schema takes", () => {
    for (const [name, type, size] of [
      ["a.jpg", "image/jpeg", MAX_IMAGE_BYTES],
      ["a.gif", "image/gif", 5],
      ["a.pdf", "application/pdf", MAX_PDF_BYTES],
    ] as const) {
      const plan = planFile(file(name, type, size));
      expect(plan.action).toBe("upload");
      if (plan.action !== "upload") continue;
      const parsed = uploadIntentInputSchema.safeParse({
        companyId: "0190a0b0-0000-7000-8000-000000000001",
        kind: "business_licence",
        fileName: name,
        contentType: plan.contentType,
        size,
      });
      expect(parsed.success, name).toBe(true);
    }
  });
});

describe("effectiveType", () => {
  it("trusts the browser's type, normalised, and falls back on the extension", () => {
    expect(effectiveType({ name: "x.png", type: "IMAGE/JPEG" })).toBe("image/jpeg");
    expect(effectiveType({ name: "x", type: "image/jpg" })).toBe("image/jpeg");
    expect(effectiveType({ name: "Licence.JPG", type: "" })).toBe("image/jpeg");
    expect(effectiveType({ name: "scan.pdf", type: "" })).toBe("application/pdf");
    expect(effectiveType({ name: "IMG_1.HEIC", type: "" })).toBe("image/heic");
    expect(effectiveType({ name: "notes.txt", type: "" })).toBe("");
  });
});

describe("encodeSteps", () => {
  it("starts at most 3000 px on the longest side, keeping the aspect ratio, every quality best first", () => {
    const steps = encodeSteps(6000, 4000);
    expect(steps.slice(0, REENCODE_QUALITIES.length)).toEqual(
      REENCODE_QUALITIES.map((quality) => ({ width: REENCODE_MAX_SIDE, height: 2000, quality })),
    );
  });

  it("never makes a picture larger, and shrinks 3/4 each round down to the floor", () => {
    const steps = encodeSteps(1200, 1600);
    expect(steps[0]).toEqual({ width: 1200, height: 1600, quality: 0.9 });
    const sides = [...new Set(steps.map((step) => Math.max(step.width, step.height)))];
    expect(sides).toEqual([1600, 1200, 900, REENCODE_MIN_SIDE]);
    for (let i = 1; i < steps.length; i++) {
      expect(Math.max(steps[i]!.width, steps[i]!.height)).toBeLessThanOrEqual(Math.max(steps[i - 1]!.width, steps[i - 1]!.height));
    }
  });

  it("tries a small picture at its own size only, and nothing for no picture", () => {
    expect(encodeSteps(400, 300)).toEqual(REENCODE_QUALITIES.map((quality) => ({ width: 400, height: 300, quality })));
    expect(encodeSteps(0, 300)).toEqual([]);
    expect(encodeSteps(Number.NaN, 300)).toEqual([]);
  });

  it("ends: a huge picture has a bounded number of steps", () => {
    expect(encodeSteps(40_000, 30_000).length).toBeLessThanOrEqual(REENCODE_QUALITIES.length * 8);
  });
});

describe("the rest", () => {
  it("fitsImageLimit is the server's image limit", () => {
    expect(fitsImageLimit(MAX_IMAGE_BYTES)).toBe(true);
    expect(fitsImageLimit(MAX_IMAGE_BYTES + 1)).toBe(false);
    expect(fitsImageLimit(0)).toBe(false);
  });

  it("jpegName swaps the extension for .jpg", () => {
    expect(jpegName("IMG_0001.PNG")).toBe("IMG_0001.jpg");
    expect(jpegName("licence.final.webp")).toBe("licence.final.jpg");
    expect(jpegName(".png")).toBe("photo.jpg");
    expect(jpegName("scan")).toBe("scan.jpg");
  });

  it("megabytes reads the limits as 2 and 20", () => {
    expect(IMAGE_LIMIT_MB).toBe(2);
    expect(PDF_LIMIT_MB).toBe(20);
    expect(megabytes(5_452_595)).toBe(5.2);
    expect(megabytes(1)).toBe(0.1);
  });

  it("the file input asks for JPEG and PDF only", () => {
    expect(UPLOAD_ACCEPT.split(",")).toEqual(["image/jpeg", "application/pdf", ".jpg", ".jpeg", ".pdf"]);
  });
});
