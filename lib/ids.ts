import { v7 } from "uuid";

/** A new UUIDv7: time-ordered, so primary-key inserts stay at the right end of the index. */
export function newId(): string {
  return v7();
}
