/**
 * The people list's sorts and filter values (lib/people/list-query.ts), without zod for the
 * list's client components (docs/decisions/0022-first-load-js.md); list-query.ts re-exports them.
 */
export const peopleSorts = ["name", "created"] as const;
export type PeopleSort = (typeof peopleSorts)[number];

/** A resident ID with a slot of its two free, or with both taken. */
export const slotFilters = ["free", "full"] as const;
export type SlotFilter = (typeof slotFilters)[number];
