// National rules of Peppol BIS Billing 3.0.19 that apply by the seller's country: SE (required), NO, DK, NL, IT,
// GR, DE, IS. Each country's rules first check the country facts of the document (cached) and return at once
// when they do not apply.
import type { Rule } from '../types.ts';
import { deRules } from './de.ts';
import { grRules } from './gr.ts';
import { isRules } from './is.ts';
import { itRules, nlRules } from './nl-it.ts';
import { dkRules, noRules } from './nordic.ts';
import { seRules } from './se.ts';

export const rules: Rule[] = [...seRules, ...noRules, ...dkRules, ...nlRules, ...itRules, ...grRules, ...deRules, ...isRules];
