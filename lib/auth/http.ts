/**
 * Small response helpers for the auth route handlers: problem+json for fetch callers,
 * 303 redirects for plain HTML form posts (the sign-in form works without JavaScript).
 */
import type { AppErrorCode } from "@/lib/errors";

const NO_STORE = { "Cache-Control": "no-store" };

export function problem(
  status: number,
  code: AppErrorCode | "INVALID_CREDENTIALS" | "TOTP_REQUIRED" | "TOTP_INVALID",
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { type: "about:blank", status, code, detail, ...extra },
    { status, headers: { ...NO_STORE, ...headers, "Content-Type": "application/problem+json" } },
  );
}

/** A 303 to a path on this site: the browser follows it with a GET. */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { ...NO_STORE, Location: path } });
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** A plain HTML form post (no JavaScript), as opposed to the form's own fetch. */
export function isFormPost(request: Request): boolean {
  return (request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded");
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415 };

/** The body as text, or null once it passes `limit` bytes (read as a stream: nothing larger is buffered). */
async function readText(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The body as JSON or form fields, refusing anything over `limit` bytes before parsing it. */
export async function readBody(request: Request, limit: number): Promise<BodyResult> {
  const type = request.headers.get("content-type") ?? "";
  const json = type.startsWith("application/json");
  if (!json && !type.startsWith("application/x-www-form-urlencoded")) return { ok: false, status: 415 };
  const text = await readText(request, limit);
  if (text === null) return { ok: false, status: 413 };
  if (!json) return { ok: true, value: Object.fromEntries(new URLSearchParams(text)) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400 };
  }
}
