/** The password rules forms and servers share. Client-side safe (no argon2 here). */
export const MIN_PASSWORD_LENGTH = 10;
