/** The pages of the shell and what each one's heading says, per the catalogue. */
import type { Messages } from "./messages";

export const AGENCY = "demo";

export const sections = [
  "clients",
  "people",
  "accounts",
  "registrations",
  "documents",
  "dashboard",
  "notifications",
  "audit",
  "settings",
] as const;
export type Section = (typeof sections)[number];

export type ShellPage = {
  name: string;
  path: string;
  status: number;
  /** The page's <h1>, from the catalogue. */
  heading: (m: Messages) => string;
  /** Opened signed in (as SHELL_USER); signed out, every page but the landing page is sign-in. */
  signedIn: boolean;
};

export const landingPage: ShellPage = { name: "landing", path: "/", status: 200, heading: (m) => m.landing.title, signedIn: false };
export const homePage: ShellPage = { name: "home", path: `/${AGENCY}`, status: 200, heading: (m) => m.pages.home.title, signedIn: true };
export const sectionPages: ShellPage[] = sections.map((section) => ({
  name: section,
  path: `/${AGENCY}/${section}`,
  status: 200,
  heading: (m) => m.pages[section].title,
  signedIn: true,
}));
export const notFoundPages: ShellPage[] = [
  { name: "missing page", path: `/${AGENCY}/no-such-page`, status: 404, heading: (m) => m.notFound.title, signedIn: true },
  { name: "missing agency", path: "/no-such-agency", status: 404, heading: (m) => m.notFound.title, signedIn: true },
];

export const allPages: ShellPage[] = [landingPage, homePage, ...sectionPages, ...notFoundPages];

/** Chromium reports a page served with 404 as a console error; on a not-found page that is the point. */
export const NOT_FOUND_CONSOLE = /Failed to load resource: the server responded with a status of 404/;
