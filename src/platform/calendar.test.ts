import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addWorkingDays, isWorkingDay, swedishPublicHolidays, workingDaysBetween } from './calendar.ts';
import { AppError } from './errors.ts';

const dateOf = (year: number, name: string): string | undefined => swedishPublicHolidays(year).find((h) => h.name === name)?.date;

test('Easter by the anonymous Gregorian algorithm', () => {
  const easter: [number, string][] = [
    [2024, '2024-03-31'], [2025, '2025-04-20'], [2026, '2026-04-05'], [2027, '2027-03-28'],
    [2008, '2008-03-23'], // early
    [2011, '2011-04-24'], // late
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
    [2000, '2000-04-23'],
  ];
  for (const [year, date] of easter) assert.equal(dateOf(year, 'Påskdagen'), date, String(year));
});

test('all holidays of 2026, sorted, de facto days marked', () => {
  assert.deepEqual(swedishPublicHolidays(2026), [
    { date: '2026-01-01', name: 'Nyårsdagen' },
    { date: '2026-01-06', name: 'Trettondedag jul' },
    { date: '2026-04-03', name: 'Långfredagen' },
    { date: '2026-04-05', name: 'Påskdagen' },
    { date: '2026-04-06', name: 'Annandag påsk' },
    { date: '2026-05-01', name: 'Första maj' },
    { date: '2026-05-14', name: 'Kristi himmelsfärdsdag' },
    { date: '2026-05-24', name: 'Pingstdagen' },
    { date: '2026-06-06', name: 'Sveriges nationaldag' },
    { date: '2026-06-19', name: 'Midsommarafton (de facto)' },
    { date: '2026-06-20', name: 'Midsommardagen' },
    { date: '2026-10-31', name: 'Alla helgons dag' },
    { date: '2026-12-24', name: 'Julafton (de facto)' },
    { date: '2026-12-25', name: 'Juldagen' },
    { date: '2026-12-26', name: 'Annandag jul' },
    { date: '2026-12-31', name: 'Nyårsafton (de facto)' },
  ]);
});

test('midsommardagen is the Saturday 20–26 June, alla helgons dag the Saturday 31 Oct – 6 Nov', () => {
  assert.equal(dateOf(2026, 'Midsommardagen'), '2026-06-20');
  assert.equal(dateOf(2025, 'Midsommardagen'), '2025-06-21');
  assert.equal(dateOf(2024, 'Midsommardagen'), '2024-06-22');
  assert.equal(dateOf(2027, 'Midsommardagen'), '2027-06-26');
  assert.equal(dateOf(2027, 'Midsommarafton (de facto)'), '2027-06-25');
  assert.equal(dateOf(2026, 'Alla helgons dag'), '2026-10-31');
  assert.equal(dateOf(2025, 'Alla helgons dag'), '2025-11-01');
  assert.equal(dateOf(2027, 'Alla helgons dag'), '2027-11-06');
  for (let year = 2000; year <= 2100; year += 1) {
    const midsummer = dateOf(year, 'Midsommardagen')!;
    const allSaints = dateOf(year, 'Alla helgons dag')!;
    assert.equal(new Date(`${midsummer}T00:00:00Z`).getUTCDay(), 6, midsummer);
    assert.ok(midsummer >= `${year}-06-20` && midsummer <= `${year}-06-26`, midsummer);
    assert.equal(new Date(`${allSaints}T00:00:00Z`).getUTCDay(), 6, allSaints);
    assert.ok(allSaints >= `${year}-10-31` && allSaints <= `${year}-11-06`, allSaints);
  }
});

test('Kristi himmelsfärdsdag on första maj stays two entries', () => {
  const on = swedishPublicHolidays(2008).filter((h) => h.date === '2008-05-01').map((h) => h.name);
  assert.deepEqual(on, ['Första maj', 'Kristi himmelsfärdsdag']);
});

test('the returned list is a copy; mutating it does not poison the cache', () => {
  const first = swedishPublicHolidays(2026);
  first.length = 0;
  assert.equal(swedishPublicHolidays(2026).length, 16);
});

test('isWorkingDay: weekdays, weekends, holidays and de facto days off', () => {
  assert.equal(isWorkingDay('2026-03-02'), true); // Monday
  assert.equal(isWorkingDay('2026-03-06'), true); // Friday
  assert.equal(isWorkingDay('2026-03-07'), false); // Saturday
  assert.equal(isWorkingDay('2026-03-08'), false); // Sunday
  assert.equal(isWorkingDay('2026-04-03'), false); // långfredagen
  assert.equal(isWorkingDay('2026-04-06'), false); // annandag påsk
  assert.equal(isWorkingDay('2026-04-07'), true);
  assert.equal(isWorkingDay('2026-05-14'), false); // Kristi himmelsfärdsdag
  assert.equal(isWorkingDay('2026-05-15'), true); // klämdag is still a working day
  assert.equal(isWorkingDay('2026-06-19'), false); // midsommarafton
  assert.equal(isWorkingDay('2025-06-06'), false); // nationaldagen on a Friday
  assert.equal(isWorkingDay('2026-12-24'), false); // julafton
  assert.equal(isWorkingDay('2026-12-31'), false); // nyårsafton
  assert.equal(isWorkingDay('2027-01-06'), false); // trettondedag jul
  assert.equal(isWorkingDay('2026-12-30'), true);
  assert.equal(isWorkingDay('2024-02-29'), true); // leap day, Thursday
});

test('addWorkingDays: n = 0 is the date itself or the next working day', () => {
  assert.equal(addWorkingDays('2026-03-04', 0), '2026-03-04');
  assert.equal(addWorkingDays('2026-03-07', 0), '2026-03-09'); // Saturday → Monday
  assert.equal(addWorkingDays('2026-04-03', 0), '2026-04-07'); // långfredagen → Tuesday after Easter
});

test('addWorkingDays: n ≥ 1 counts working days strictly after the date', () => {
  assert.equal(addWorkingDays('2026-03-04', 1), '2026-03-05');
  assert.equal(addWorkingDays('2026-03-06', 1), '2026-03-09'); // Friday + 1 = Monday
  assert.equal(addWorkingDays('2026-03-07', 1), '2026-03-09'); // Saturday + 1 = Monday
  assert.equal(addWorkingDays('2026-03-06', 5), '2026-03-13');
});

test('addWorkingDays over Easter 2026', () => {
  // Thursday 2 April; långfredagen 3, weekend, annandag påsk 6 → next working day is Tuesday 7 April.
  assert.equal(addWorkingDays('2026-04-02', 1), '2026-04-07');
  assert.equal(addWorkingDays('2026-04-01', 2), '2026-04-07');
  assert.equal(addWorkingDays('2026-04-02', 3), '2026-04-09');
});

test('addWorkingDays over Christmas and New Year 2026 → 2027', () => {
  // Working days: 23 Dec (Wed), then 28, 29, 30 Dec, then 4, 5 Jan, then 7 Jan (6 Jan is trettondedag jul).
  assert.equal(addWorkingDays('2026-12-23', 1), '2026-12-28');
  assert.equal(addWorkingDays('2026-12-23', 3), '2026-12-30');
  assert.equal(addWorkingDays('2026-12-23', 4), '2027-01-04');
  assert.equal(addWorkingDays('2026-12-23', 6), '2027-01-07');
  assert.equal(addWorkingDays('2026-12-24', 0), '2026-12-28');
  assert.equal(addWorkingDays('2026-12-30', 1), '2027-01-04');
});

test('addWorkingDays refuses a negative or fractional n and bad dates', () => {
  const isValidation = (e: unknown): boolean => e instanceof AppError && e.code === 'validation_failed';
  assert.throws(() => addWorkingDays('2026-03-04', -1), isValidation);
  assert.throws(() => addWorkingDays('2026-03-04', 1.5), isValidation);
  assert.throws(() => addWorkingDays('2026-02-30', 1), isValidation);
  assert.throws(() => isWorkingDay('2026-3-4'), isValidation);
  assert.throws(() => workingDaysBetween('2026-03-04', 'tomorrow'), isValidation);
  assert.throws(() => swedishPublicHolidays(2026.5), isValidation);
  assert.throws(() => swedishPublicHolidays(1500), isValidation);
});

test('workingDaysBetween: after `from`, up to and including `to`', () => {
  assert.equal(workingDaysBetween('2026-03-06', '2026-03-09'), 1); // Friday → Monday across a weekend
  assert.equal(workingDaysBetween('2026-03-07', '2026-03-08'), 0); // Saturday → Sunday
  assert.equal(workingDaysBetween('2026-03-02', '2026-03-09'), 5); // Monday → Monday
  assert.equal(workingDaysBetween('2026-03-04', '2026-03-04'), 0);
  assert.equal(workingDaysBetween('2026-03-09', '2026-03-02'), 0);
  assert.equal(workingDaysBetween('2026-04-02', '2026-04-07'), 1); // over Easter
  assert.equal(workingDaysBetween('2026-12-23', '2027-01-07'), 6); // over Christmas and New Year
  // All of 2026: 261 weekdays less 10 weekday holidays (1/1, 6/1, 3/4, 6/4, 1/5, 14/5, 19/6, 24/12, 25/12, 31/12).
  assert.equal(workingDaysBetween('2025-12-31', '2026-12-31'), 251);
});

test('workingDaysBetween agrees with day-by-day counting and with addWorkingDays', () => {
  const start = Date.UTC(2025, 11, 1);
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  for (let offset = 0; offset < 40; offset += 3) {
    const from = iso(start + offset * 86_400_000);
    for (let len = 0; len < 400; len += 7) {
      const to = iso(start + (offset + len) * 86_400_000);
      let expected = 0;
      for (let d = 1; d <= len; d += 1) if (isWorkingDay(iso(start + (offset + d) * 86_400_000))) expected += 1;
      assert.equal(workingDaysBetween(from, to), expected, `${from} → ${to}`);
    }
    for (const n of [1, 2, 5, 10, 30, 250]) assert.equal(workingDaysBetween(from, addWorkingDays(from, n)), n, `${from} + ${n}`);
  }
});

test('a daylight-saving change inside the range shifts nothing (UTC day numbers, not local time)', () => {
  // Also run with TZ=America/Los_Angeles and TZ=Pacific/Kiritimati when changing this module.
  assert.equal(addWorkingDays('2026-03-27', 1), '2026-03-30'); // DST starts 29 March in Sweden
  assert.equal(addWorkingDays('2026-10-23', 1), '2026-10-26'); // DST ends 25 October
  assert.equal(workingDaysBetween('2026-03-27', '2026-03-30'), 1);
});
