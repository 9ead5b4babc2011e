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
