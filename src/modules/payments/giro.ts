// Bankgiro check for the paying account (the supplier register checks the suppliers' own accounts).
import { checkBankgiro } from '../../formats/identifiers/index.ts';

export function validBankgiro(digits: string): boolean {
  return checkBankgiro(digits).ok;
}
