/**
 * The shapes of a client's team (lib/clients/team.ts) for the API, the OpenAPI document
 * and the team card. Pure: no server imports.
 */
import { z } from "@/lib/validation/zod";

/** The most members one team may have (the assignee not counted). */
export const MAX_TEAM = 50;

export const TEAM_MESSAGES = {
  member: "clientTeam.errors.member",
  tooMany: "clientTeam.errors.tooMany",
} as const;

/** PUT /companies/{id}/team: the whole team, replacing what it was. */
export const teamBodySchema = z.object({
  userIds: z
    .array(z.uuid({ error: TEAM_MESSAGES.member }), { error: TEAM_MESSAGES.member })
    .max(MAX_TEAM, { error: TEAM_MESSAGES.tooMany })
    .meta({ description: `Active owners', admins' or staff members' user ids, at most ${MAX_TEAM}; [] empties the team.` }),
});

export const teamPersonSchema = z.object({ id: z.uuid(), name: z.string() });

export const teamSchema = z
  .object({
    assignee: teamPersonSchema.nullable().meta({ description: "Who the company is assigned to, or null." }),
    members: z
      .array(teamPersonSchema.extend({ addedAt: z.iso.datetime({ offset: true }) }))
      .meta({ description: "The team members besides the assignee, by name." }),
  })
  .meta({ description: "A client company's assignee and team members." });
export type ClientTeam = z.output<typeof teamSchema>;
