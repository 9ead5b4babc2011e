/**
 * How the dashboard writes its figures (ux.md: numbers through Intl in the user's locale):
 * durations as days with one decimal, or hours under two days; counts and shares by Intl.
 */
type Units = (key: "days" | "hours", values: { value: string }) => string;

export type DashboardFormat = {
  count: (value: number) => string;
  /** "3.5 days", "14 hours"; null (no sample): the dash. */
  duration: (hours: number | null) => string;
  /** Days, rounded to one decimal, for a chart's bar. */
  days: (hours: number | null) => number | null;
  percent: (share: number | null) => string;
  date: (isoDate: string) => string;
  /** Month and day only ("Dec 1"), for a chart's axis. */
  shortDate: (isoDate: string) => string;
  none: string;
};

export function dashboardFormat(locale: string, units: Units, none: string): DashboardFormat {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const upToOne = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const shortDate = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const date = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  return {
    count: (value) => count.format(value),
    duration: (hours) => {
      if (hours === null) return none;
      return hours < 48 ? units("hours", { value: upToOne.format(hours) }) : units("days", { value: oneDecimal.format(hours / 24) });
    },
    days: (hours) => (hours === null ? null : Math.round((hours / 24) * 10) / 10),
    percent: (share) => (share === null ? none : percent.format(share)),
    date: (isoDate) => date.format(new Date(`${isoDate}T00:00:00Z`)),
    shortDate: (isoDate) => shortDate.format(new Date(`${isoDate}T00:00:00Z`)),
    none,
  };
}
