// EN 16931 business rules as the official CEN validation artefacts (1.3.16) apply them, for UBL and CII.
import type { Rule } from '../types.ts';
import { coreRules } from './core.ts';
import { totalsRules } from './totals.ts';
import { vatRules } from './vat.ts';
import { codeRules } from './codes.ts';
import { ublSyntaxRules } from './ubl-syntax.ts';

export const rules: Rule[] = [...coreRules, ...totalsRules, ...vatRules, ...codeRules, ...ublSyntaxRules];
