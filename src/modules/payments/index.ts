// Public surface of payments: proposals, payment files, controls and holds, reconciliation, late-payment cost.
export { createProposal, proposeInOwnTransaction, approveProposal, cancelProposal, getProposal, listProposals, type ProposalView } from './proposals.ts';
export { createPaymentFile, storePaymentFile, getPaymentFile, paymentsDir } from './payment-file.ts';
export { listHolds, releaseHold, type HoldView } from './holds.ts';
export { importCamt054, importPain002, type ImportResult } from './reconcile.ts';
export { lateCostReport, type LateCostReport } from './late-cost-report.ts';
export { getPaymentSettings, updatePaymentSettings, type PaymentSettings } from './settings.ts';
export { paymentControls, type ControlInput, type Hold, type HoldReason } from './controls.ts';
export { registerPaymentRoutes } from './routes.ts';
export { systemPerson, type Person } from './person.ts';
export { invoicePayment, type InvoicePayment } from './invoice-payment.ts';
