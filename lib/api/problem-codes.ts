/** The `code` of an API problem: lib/errors.ts's codes, plus the two body refusals that have no AppError. Pure. */
import { appErrorCodes, type AppErrorCode } from "@/lib/errors";

export type ProblemCode = AppErrorCode | "UNSUPPORTED_MEDIA_TYPE" | "PAYLOAD_TOO_LARGE";

export const problemCodes: [ProblemCode, ...ProblemCode[]] = [
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
  ...(Object.keys(appErrorCodes) as AppErrorCode[]),
];
