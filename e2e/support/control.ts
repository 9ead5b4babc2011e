/**
 * The loopback control endpoint of scripts/e2e-server.ts: takes s3rver down and brings
 * it back, for the health spec.
 */
export async function controlS3(action: "stop" | "start"): Promise<void> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/s3/${action}`, { method: "POST" });
  if (!response.ok) throw new Error(`POST /s3/${action} on the control endpoint: ${response.status} ${await response.text()}`);
}

/** Seeded ids per scope: a registration, a client company and a person of the demo agency and of demo-north. */
export type FixtureIds = {
  ownCompanyRegistration: string;
  otherCompanyRegistration: string;
  otherAgencyRegistration: string;
  /** The demo client administrator's company, another demo company, and a demo-north company. */
  ownCompany: string;
  otherCompany: string;
  otherAgencyCompany: string;
  ownPerson: string;
  otherAgencyPerson: string;
  /** A document of the demo client administrator's company, and one of demo-north. */
  ownDocument: string;
  otherAgencyDocument: string;
  /** A document request of the demo client administrator's company, of another demo company, and of demo-north. */
  ownCompanyRequest: string;
  otherCompanyRequest: string;
  otherAgencyRequest: string;
};

/** Seeded ids the authorisation matrix needs (the control endpoint reads them from the database). */
export async function fixtureIds(): Promise<FixtureIds> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/fixtures`);
  if (!response.ok) throw new Error(`GET /fixtures on the control endpoint: ${response.status} ${await response.text()}`);
  const ids = (await response.json()) as Partial<FixtureIds>;
  const wanted = ["ownCompanyRegistration", "otherCompanyRegistration", "otherAgencyRegistration", "ownCompany", "otherCompany", "otherAgencyCompany", "ownPerson", "otherAgencyPerson", "ownDocument", "otherAgencyDocument", "ownCompanyRequest", "otherCompanyRequest", "otherAgencyRequest"] as const;
  if (wanted.some((key) => !ids[key])) {
    throw new Error(`the seed lacks a registration the matrix needs: ${JSON.stringify(ids)}`);
  }
  return ids as FixtureIds;
}

/**
 * Adds a client company to an agency (optionally assigned to a member): no screen makes
 * companies yet. With dueInHours, also a WeCom card of it in verification_submitted, due
 * that many hours from now.
 */
export async function addCompany(input: { agencySlug: string; name: string; assigneeEmail?: string; dueInHours?: number }): Promise<{ id: string }> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/fixtures/company`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`POST /fixtures/company on the control endpoint: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** Turns an agency's "staff see only their assigned clients" on or off, straight in the database. */
export async function setStaffRestriction(agencySlug: string, on: boolean): Promise<void> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/fixtures/restrict-staff`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ agencySlug, on }),
  });
  if (!response.ok) throw new Error(`POST /fixtures/restrict-staff on the control endpoint: ${response.status} ${await response.text()}`);
}

/**
 * A new WeCom registration of the demo client administrator's company in its documents
 * stage, with an open request for its two required documents (the portal's documents spec).
 */
export async function addDocumentRequest(input: {
  agencySlug: string;
  message?: string;
  /** For another company of the agency than the client administrator's. */
  otherCompany?: boolean;
}): Promise<{ registrationId: string; requestId: string }> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/fixtures/document-request`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`POST /fixtures/document-request on the control endpoint: ${response.status} ${await response.text()}`);
  return (await response.json()) as { registrationId: string; requestId: string };
}

/** One notification to seed: its kind and data (ReminderData for reminders), how long ago, whether read. */
export type SeededNotification = { kind: string; data: Record<string, unknown>; minutesAgo?: number; read?: boolean };

/**
 * Notifications of one member, written straight in the database as the reminder sweep
 * writes them (`clear`: their earlier ones deleted first). Answers the ids, in order.
 */
export async function addNotifications(input: {
  agencySlug: string;
  email: string;
  clear?: boolean;
  items: SeededNotification[];
}): Promise<{ ids: string[] }> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/fixtures/notifications`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`POST /fixtures/notifications on the control endpoint: ${response.status} ${await response.text()}`);
  return (await response.json()) as { ids: string[] };
}

/** The two instances behind the round-robin proxy: the proxy's origin and each instance's port. */
export type ScaleOut = { proxyUrl: string; instances: { a: number; b: number } };

/**
 * Starts a second `next start` beside the suite's own and the round-robin proxy in front
 * of both (scripts/e2e-server.ts; a second call answers the running pair). The proxy is
 * at E2E_PROXY_PORT; `stopScaleOut` stops the pair again.
 */
export async function startScaleOut(): Promise<ScaleOut> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/scale-out/start`, { method: "POST" });
  if (!response.ok) throw new Error(`POST /scale-out/start on the control endpoint: ${response.status} ${await response.text()}`);
  return (await response.json()) as ScaleOut;
}

export async function stopScaleOut(): Promise<void> {
  const port = process.env.E2E_CONTROL_PORT;
  if (!port) throw new Error("E2E_CONTROL_PORT is not set: run the specs through playwright.config.ts.");
  const response = await fetch(`http://127.0.0.1:${port}/scale-out/stop`, { method: "POST" });
  if (!response.ok) throw new Error(`POST /scale-out/stop on the control endpoint: ${response.status} ${await response.text()}`);
}
