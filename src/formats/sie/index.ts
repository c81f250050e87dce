// SIE 4 (the Swedish ledger file format, spec SIE 4B 2008-09-30): a pure reader and a 4I writer.
export { readSie, detectEncoding, SIE_MAX_BYTES, SIE_MAX_LINE_LENGTH } from './read.ts';
export { writeSie4i } from './write.ts';
export { decodeCp437, encodeCp437, Cp437EncodeError } from './cp437.ts';
export { crc32 } from './crc32.ts';
export { parseAmountOre, formatAmountOre } from './values.ts';
export type * from './model.ts';
