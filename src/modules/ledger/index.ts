// Public surface of the ledger: vouchers (pure arithmetic and posting), accounts payable, export.
export { allocateVat, buildVoucher, splitByPercent, sumOre, type CodingRow, type CodingRowInput, type VatAccounts, type VatHandling, type Voucher, type VoucherRow } from './voucher-math.ts';
export { postInvoices, insertVouchers, accountingDate, type NewVoucher, type PostResult } from './post-invoices.ts';
export { getLedgerSettings, updateLedgerSettings, type LedgerSettings } from './settings.ts';
export { closedPeriods, listPeriods, setPeriodClosed } from './periods.ts';
export { postPayments, type PaymentPosting } from './post-payments.ts';
export { openItems, ageing, type OpenItem, type SupplierBalance } from './reskontra.ts';
export { exportVouchers, storeExportFile, listExportBatches, getExportFile, exportDir, sieDimensionOf, type ExportBatch } from './export-vouchers.ts';
export { importSie, type SieImportResult } from './import-sie.ts';
export { registerLedgerRoutes } from './routes.ts';
