import { tinyPdf } from './src/demo/demo-invoices.ts';
import { writeFileSync } from 'node:fs';
writeFileSync('/tmp/fe_test.pdf', tinyPdf(process.argv[2]!));
