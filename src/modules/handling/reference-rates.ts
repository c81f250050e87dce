// Riksbankens referensränta per calendar half-year (räntelagen 1975:635, 9 §). Dröjsmålsränta under
// 6 § is this rate plus eight percentage points, and follows it from half-year to half-year.
//
// How the rate is set: the Riksbank's policy rate in force at the end of the previous half-year,
// rounded UP to the nearest half percentage point if it is not already a whole or half point
// (https://www.riksbank.se/sv/statistik/rantor-och-valutakurser/referensranta/ and the English
// https://www.riksbank.se/en-gb/statistics/interest-rates-and-exchange-rates/reference-rate/).
// So a 3.75 % policy rate gives a 4.00 % reference rate, 1.75 % gives 2.00 %.
//
// Add a row each 1 January and 1 July (the decision is published on riksbank.se and in SFS as
// "Tillkännagivande om Riksbankens referensränta"). Rows are sorted, one per half-year, no gaps.
// `rate` is percent with two decimals.

export type ReferenceRate = { from: string; rate: string };

// [R] = Riksbank table, https://www.riksbank.se/sv/statistik/rantor-och-valutakurser/referensranta/
//       (the version whose newest row is 2024-07-01 4,00, "gäller för perioden 1 juli – 31 december 2024").
export const referenceRates: readonly ReferenceRate[] = Object.freeze([
  { from: '2020-01-01', rate: '0.00' }, // [R]; also https://www.riksbank.se/sv/statistik/sok-rantor--valutakurser/referensranta/
  { from: '2020-07-01', rate: '0.00' }, // [R]; same
  { from: '2021-01-01', rate: '0.00' }, // [R]
  { from: '2021-07-01', rate: '0.00' }, // [R]
  { from: '2022-01-01', rate: '0.00' }, // [R]
  { from: '2022-07-01', rate: '0.50' }, // [R]
  { from: '2023-01-01', rate: '2.50' }, // [R]
  // [R]; https://www.riksbank.se/sv/press-och-publicerat/nyheter-och-pressmeddelanden/nyheter/2023/referensrantan-faststalld-till-350-procent/
  { from: '2023-07-01', rate: '3.50' },
  { from: '2024-01-01', rate: '4.00' }, // [R]; https://www.capway.se/2024/01/02/referensrantan-faststalld-till-400/
  { from: '2024-07-01', rate: '4.00' }, // [R] (policy rate 3.75 % on 30 June 2024, rounded up; NOT 3.75)
  // NOT FOUND on riksbank.se in the sources available; taken from https://www.mystep.se/referensranta
  // (table: 2025-01-01 3,00 %). Consistent with the rule: the cut to 2.50 % decided on 19 December 2024
  // applied only from 8 January 2025 (Riksbank, monetary-policy-decision-december-2024), so the policy
  // rate on 31 December 2024 was 2.75 %, rounded up to 3.00.
  { from: '2025-01-01', rate: '3.00' },
  // NOT FOUND on riksbank.se; https://www.mystep.se/referensranta (2025-07-01 2,00 %). Consistent with
  // the policy rate cut to 2.00 % on 18 June 2025 (Riksbank press release, e.g.
  // https://www.placera.se/pressmeddelanden/policy-rate-is-cut-to-2-per-cent-20250618).
  { from: '2025-07-01', rate: '2.00' },
  // NOT FOUND on riksbank.se; https://www.mystep.se/referensranta (2026-01-01 2,00 %). Consistent with
  // the policy rate 1.75 % from 1 October 2025 (https://via.tt.se/announcement/4064943, Riksbank
  // 23 September 2025), unchanged on 29 January 2026, rounded up to 2.00 (NOT 1.75).
  { from: '2026-01-01', rate: '2.00' },
  // 2026-07-01: no source found yet; dates after 2026-06-30 use the 2026-01-01 row until it is added.
].map((r) => Object.freeze(r)));
