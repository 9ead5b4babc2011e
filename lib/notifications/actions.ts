/**
 * The bodies of the notification actions of the staff app and the portal (their
 * actions.ts files find the member first, each in its own way): zod at the boundary,
 * then the service, then the layout's bell is revalidated so its count drops.
 */
import "server-only";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { AppError } from "@/lib/errors";
import { markAllReadSchema } from "./schemas";
import { markAllNotificationsRead, markNotificationRead, type NotificationsActor } from "./service";

function validation(fields: Record<string, string>): AppError {
  return new AppError("VALIDATION", `invalid notifications input: ${Object.keys(fields).join(", ")}`, { fields });
}

/** Marks one notification read; answers its id. */
export async function markReadBody(actor: NotificationsActor, base: string, id: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await runAction(async () => {
    if (typeof id !== "string") throw new AppError("NOT_FOUND", "not a notification id");
    return { id: (await markNotificationRead(actor, id)).id };
  });
  if (result.ok) revalidatePath(base, "layout");
  return result;
}

/** `{ upTo }`: marks read every unread notification created up to then; answers how many. */
export async function markAllReadBody(actor: NotificationsActor, base: string, input: unknown): Promise<ActionResult<{ marked: number }>> {
  const result = await runAction(async () => {
    const parsed = markAllReadSchema.safeParse(input);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "form")] ??= "notifications.errors.upTo";
      throw validation(fields);
    }
    return markAllNotificationsRead(actor, new Date(parsed.data.upTo));
  });
  if (result.ok) revalidatePath(base, "layout");
  return result;
}
