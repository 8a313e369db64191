/**
 * Plain dates, Dutch statutory holidays (Algemene termijnenwet art. 3) and the
 * working-day calendar. Pure: no clock, no environment; instants are passed in.
 */

/** A calendar date without time or zone, formatted `YYYY-MM-DD`. */
export type IsoDate = string;

/** A holiday or closing day, named in Dutch and English. */
export interface Holiday {
  date: IsoDate;
  name: { nl: string; en: string };
}

/** Working days: not a weekend day, statutory holiday or closing day. */
export interface WorkingCalendar {
  isWorkingDay(d: IsoDate): boolean;
  /** The statutory holiday on `d`, else the closing day on `d`, else undefined. */
  holidayOn(d: IsoDate): Holiday | undefined;
  nextWorkingDayOnOrAfter(d: IsoDate): IsoDate;
  /** The `n`th working day after `d` (before `d` when n < 0; `d` itself when n = 0). */
  addWorkingDays(d: IsoDate, n: number): IsoDate;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC Date math; setUTCFullYear keeps years 0–99 literal). */
function dayNumber(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime() / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  const t = new Date(n * DAY_MS);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function format(y: number, m: number, d: number): IsoDate {
  if (!(y >= 0 && y <= 9999))
    throw new RangeError(`Date out of range (years 0000-9999): year ${y}`);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function parts(d: IsoDate): [number, number, number] | undefined {
  const match = ISO_DATE.exec(d);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const day = Number(match[3]);
  if (m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) return undefined;
  return [y, m, day];
}

function toParts(d: IsoDate): [number, number, number] {
  const p = parts(d);
  if (!p) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${JSON.stringify(d)}`);
  return p;
}

function toDayNumber(d: IsoDate): number {
  return dayNumber(...toParts(d));
}

function checkInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer: ${n}`);
}

/** True if `s` is `YYYY-MM-DD` and a real calendar date. */
export function isIsoDate(s: string): boolean {
  return parts(s) !== undefined;
}

/** `d` plus `n` calendar days (n may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  checkInteger(n, "Number of days");
  return fromDayNumber(toDayNumber(d) + n);
}

/** The same day of month `n` months later, clamped to that month's last day. */
export function addMonthsClamped(d: IsoDate, n: number): IsoDate {
  checkInteger(n, "Number of months");
  const [y, m, day] = toParts(d);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format(year, month, Math.min(day, daysInMonth(year, month)));
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return (((toDayNumber(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** Easter Sunday of a Gregorian year 1583–9999 (anonymous Gregorian computus). */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year out of range for Easter (1583-9999): ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - Math.floor(b / 4) - g + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const k = Math.floor((a + 11 * h + 22 * l) / 451);
  const x = h + l - 7 * k + 114;
  return format(year, Math.floor(x / 31), (x % 31) + 1);
}

type YearHolidays = { list: readonly Holiday[]; byDate: Map<IsoDate, Holiday> };
const holidayCache = new Map<number, YearHolidays>();

function holidaysOf(year: number): YearHolidays {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const date = (m: number, d: number): IsoDate => format(year, m, d);
  const kingsDay = weekday(date(4, 27)) === 0 ? date(4, 26) : date(4, 27);
  const raw: [IsoDate, string, string][] = [
    [date(1, 1), "Nieuwjaarsdag", "New Year's Day"],
    [addDays(easter, -2), "Goede Vrijdag", "Good Friday"],
    [easter, "Eerste Paasdag", "Easter Sunday"],
    [addDays(easter, 1), "Tweede Paasdag", "Easter Monday"],
    [kingsDay, "Koningsdag", "King's Day"],
    [date(5, 5), "Bevrijdingsdag", "Liberation Day"],
    [addDays(easter, 39), "Hemelvaartsdag", "Ascension Day"],
    [addDays(easter, 49), "Eerste Pinksterdag", "Whit Sunday"],
    [addDays(easter, 50), "Tweede Pinksterdag", "Whit Monday"],
    [date(12, 25), "Eerste Kerstdag", "Christmas Day"],
    [date(12, 26), "Tweede Kerstdag", "Boxing Day"],
  ];
  const list = raw
    .map(([d, nl, en]) => Object.freeze({ date: d, name: Object.freeze({ nl, en }) }))
    .sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0)); // stable: ties keep order
  const byDate = new Map<IsoDate, Holiday>();
  for (const holiday of list) if (!byDate.has(holiday.date)) byDate.set(holiday.date, holiday);
  const entry = { list: Object.freeze(list), byDate };
  holidayCache.set(year, entry);
  return entry;
}

/**
 * The holidays of Algemene termijnenwet art. 3 in `year` (1583–9999), sorted by
 * date, memoised per year. King's Day follows the current rule in every year.
 */
export function statutoryHolidays(year: number): Holiday[] {
  return holidaysOf(year).list.slice();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;
const MIN_MS = dayNumber(1, 1, 2) * DAY_MS;
const MAX_MS = dayNumber(9999, 12, 30) * DAY_MS;

function parseInstant(instant: string): number {
  const m = INSTANT.exec(instant.trim());
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s = "0", frac = "0", z, sign, oh = "0", om = "0"] = m;
  const date = parts(`${y}-${mo}-${d}`);
  if (!date || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return NaN;
  if (!z && (Number(oh) > 23 || Number(om) > 59)) return NaN;
  const offset = z ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const minutes = dayNumber(...date) * 1440 + Number(h) * 60 + Number(mi) - offset;
  return minutes * 60_000 + Number(s) * 1000 + Math.floor(Number(`0.${frac}`) * 1000);
}

/**
 * The calendar date of an instant in an IANA time zone. Accepts a Date or an
 * ISO 8601 date-time with `Z` or a UTC offset; throws a RangeError otherwise.
 */
export function localDate(instant: string | Date, timeZone: string): IsoDate {
  const ms = typeof instant === "string" ? parseInstant(instant) : instant.getTime();
  if (!(ms >= MIN_MS && ms <= MAX_MS)) {
    const shown = typeof instant === "string" ? JSON.stringify(instant) : String(instant);
    throw new RangeError(`Invalid instant (expected ISO 8601 with offset or Z): ${shown}`);
  }
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    const options = { timeZone, year: "numeric", month: "numeric", day: "numeric" } as const;
    formatter = new Intl.DateTimeFormat("en-US-u-ca-gregory-nu-latn", options);
    formatters.set(timeZone, formatter);
  }
  const f = Object.fromEntries(formatter.formatToParts(ms).map((p) => [p.type, p.value]));
  return format(Number(f.year), Number(f.month), Number(f.day));
}

const CLOSING_DAY_NAME = Object.freeze({ nl: "Sluitingsdag", en: "Closing day" });

/** A working calendar of weekends, statutory holidays and the given closing days. */
export function createCalendar(options: { closingDays?: readonly IsoDate[] }): WorkingCalendar {
  const closing = new Map<IsoDate, Holiday>();
  for (const d of options.closingDays ?? []) {
    toParts(d);
    closing.set(d, Object.freeze({ date: d, name: CLOSING_DAY_NAME }));
  }
  const holidayOn = (d: IsoDate): Holiday | undefined =>
    holidaysOf(toParts(d)[0]).byDate.get(d) ?? closing.get(d);
  const isWorkingDay = (d: IsoDate): boolean => {
    const day = weekday(d);
    return day !== 0 && day !== 6 && holidayOn(d) === undefined;
  };
  const nextWorkingDayOnOrAfter = (d: IsoDate): IsoDate => {
    let current = d;
    while (!isWorkingDay(current)) current = addDays(current, 1);
    return current;
  };
  const addWorkingDays = (d: IsoDate, n: number): IsoDate => {
    checkInteger(n, "Number of working days");
    toParts(d);
    const step = n < 0 ? -1 : 1;
    let current = d;
    for (let left = Math.abs(n); left > 0;) {
      current = addDays(current, step);
      if (isWorkingDay(current)) left--;
    }
    return current;
  };
  return { isWorkingDay, holidayOn, nextWorkingDayOnOrAfter, addWorkingDays };
}
