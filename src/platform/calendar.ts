// Swedish working days. Pure: dates are `YYYY-MM-DD` strings and all arithmetic is done on UTC day
// numbers, so the host's time zone never matters.
//
// Non-working days are Saturdays, Sundays, the allmänna helgdagar of lag (1989:253) om allmänna
// helgdagar that can fall on a weekday, and the three eves that are de facto days off in Sweden
// (midsommarafton, julafton, nyårsafton). Today's rules (in force since 2005: nationaldagen a holiday,
// annandag pingst no longer one) are applied to every year.
import { AppError } from './errors.ts';
import { isIsoDate } from './dates.ts';

export type PublicHoliday = { date: string; name: string };

const DAY_MS = 86_400_000;
const MIN_YEAR = 1583; // first full year of the Gregorian calendar; the Easter algorithm needs it
const MAX_YEAR = 9999;

function invalidDate(value: string, field: string): AppError {
  return new AppError('validation_failed', {
    sv: `Ogiltigt datum: "${value}" (väntade ÅÅÅÅ-MM-DD).`,
    en: `Invalid date: "${value}" (expected YYYY-MM-DD).`,
  }, { issues: [{ path: field, message: 'invalid date' }] });
}

/** Days since 1970-01-01 for a valid ISO date. */
function toDayNumber(date: string, field = 'date'): number {
  if (!isIsoDate(date)) throw invalidDate(date, field);
  const year = Number(date.slice(0, 4));
  if (year < MIN_YEAR) throw invalidDate(date, field);
  return Date.UTC(year, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  if (y > MAX_YEAR) {
    throw new AppError('validation_failed', { sv: 'Datumet hamnar efter år 9999.', en: 'The date falls after the year 9999.' });
  }
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const ymd = (year: number, month: number, day: number): string => fromDayNumber(Date.UTC(year, month - 1, day) / DAY_MS);

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The first date on or after `month`/`day` in `year` that has the given weekday. */
function firstWeekdayOnOrAfter(year: number, month: number, day: number, wanted: number): number {
  const start = Date.UTC(year, month - 1, day) / DAY_MS;
  return start + ((wanted - weekday(start) + 7) % 7);
}

function computeHolidays(year: number): readonly PublicHoliday[] {
  const easter = easterSunday(year);
  const midsummerDay = firstWeekdayOnOrAfter(year, 6, 20, 6); // Saturday 20–26 June
  const allSaints = firstWeekdayOnOrAfter(year, 10, 31, 6); // Saturday 31 October – 6 November
  const list: PublicHoliday[] = [
    { date: ymd(year, 1, 1), name: 'Nyårsdagen' },
    { date: ymd(year, 1, 6), name: 'Trettondedag jul' },
    { date: fromDayNumber(easter - 2), name: 'Långfredagen' },
    { date: fromDayNumber(easter), name: 'Påskdagen' },
    { date: fromDayNumber(easter + 1), name: 'Annandag påsk' },
    { date: ymd(year, 5, 1), name: 'Första maj' },
    { date: fromDayNumber(easter + 39), name: 'Kristi himmelsfärdsdag' },
    { date: fromDayNumber(easter + 49), name: 'Pingstdagen' },
    { date: ymd(year, 6, 6), name: 'Sveriges nationaldag' },
    { date: fromDayNumber(midsummerDay - 1), name: 'Midsommarafton (de facto)' },
    { date: fromDayNumber(midsummerDay), name: 'Midsommardagen' },
    { date: fromDayNumber(allSaints), name: 'Alla helgons dag' },
    { date: ymd(year, 12, 24), name: 'Julafton (de facto)' },
    { date: ymd(year, 12, 25), name: 'Juldagen' },
    { date: ymd(year, 12, 26), name: 'Annandag jul' },
    { date: ymd(year, 12, 31), name: 'Nyårsafton (de facto)' },
  ];
  // Stable sort: two holidays on one date (Kristi himmelsfärdsdag on 1 May, pingstdagen on 6 June)
  // stay as two entries in the order above.
  return Object.freeze(list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)).map((h) => Object.freeze(h)));
}

const holidayCache = new Map<number, { list: readonly PublicHoliday[]; days: ReadonlySet<number> }>();

function holidaysOf(year: number): { list: readonly PublicHoliday[]; days: ReadonlySet<number> } {
  let entry = holidayCache.get(year);
  if (!entry) {
    const list = computeHolidays(year);
    entry = { list, days: new Set(list.map((h) => toDayNumber(h.date))) };
    holidayCache.set(year, entry);
  }
  return entry;
}

const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

function isWorkingDayNumber(day: number): boolean {
  const wd = weekday(day);
  return wd !== 0 && wd !== 6 && !holidaysOf(yearOf(day)).days.has(day);
}

/**
 * The Swedish public holidays of `year` plus the de facto days off (midsommarafton, julafton,
 * nyårsafton, marked "(de facto)"), sorted by date. Sunday holidays (påskdagen, pingstdagen) are
 * included for completeness. A date may appear twice, e.g. Kristi himmelsfärdsdag on första maj.
 */
export function swedishPublicHolidays(year: number): { date: string; name: string }[] {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new AppError('validation_failed', {
      sv: `Ogiltigt år: ${year} (${MIN_YEAR}–${MAX_YEAR}).`,
      en: `Invalid year: ${year} (${MIN_YEAR}–${MAX_YEAR}).`,
    });
  }
  return holidaysOf(year).list.map((h) => ({ date: h.date, name: h.name }));
}

/** Monday–Friday and neither a holiday nor a de facto day off (see `swedishPublicHolidays`). */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

/**
 * Working-day arithmetic with "counting from the day after" semantics:
 * - n = 0: `date` itself if it is a working day, otherwise the next working day after it.
 * - n ≥ 1: the n-th working day strictly after `date`, whether or not `date` is a working day
 *   (Friday + 1 = Monday; Saturday + 1 = Monday too).
 * For n ≥ 1, `workingDaysBetween(date, addWorkingDays(date, n)) === n`.
 * `n` must be a non-negative integer.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) {
    throw new AppError('validation_failed', {
      sv: `Antalet arbetsdagar måste vara ett heltal ≥ 0, fick ${n}.`,
      en: `The number of working days must be an integer ≥ 0, got ${n}.`,
    });
  }
  let day = toDayNumber(date);
  if (n === 0) {
    while (!isWorkingDayNumber(day)) day += 1;
    return fromDayNumber(day);
  }
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day)) left -= 1;
  }
  return fromDayNumber(day);
}

/** Number of Monday–Friday days in [1969-12-29 (a Monday), that Monday + t). Works for negative t. */
function weekdaysFromMonday(t: number): number {
  return Math.floor(t / 7) * 5 + Math.min(((t % 7) + 7) % 7, 5);
}

/**
 * The number of working days after `from` up to and including `to`; 0 when `to` ≤ `from`.
 * E.g. Friday → next Monday is 1. Runs in time proportional to the number of years spanned.
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = toDayNumber(from, 'from');
  const b = toDayNumber(to, 'to');
  if (b <= a) return 0;
  const monday = -3; // 1969-12-29
  let count = weekdaysFromMonday(b + 1 - monday) - weekdaysFromMonday(a + 1 - monday);
  for (let year = yearOf(a + 1); year <= yearOf(b); year += 1) {
    for (const day of holidaysOf(year).days) {
      if (day > a && day <= b && weekday(day) !== 0 && weekday(day) !== 6) count -= 1;
    }
  }
  return count;
}
