// Peppol BIS Billing 3.0.19 rules (PEPPOL-EN16931-*, PEPPOL-COMMON-*), both UBL and CII bindings.
import type { Rule } from '../types.ts';
import { codeRules, commonRules } from './codes.ts';
import { allowanceRules, lineRules, transactionRules } from './transaction.ts';

export const rules: Rule[] = [...transactionRules, ...allowanceRules, ...lineRules, ...codeRules, ...commonRules];
