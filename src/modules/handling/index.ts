// Public surface of invoice handling: routing, coding and attest.
export { routeNewInvoice } from './route-invoice.ts';
export { handlingView, type HandlingView } from './handling-view.ts';
export { registerHandlingRoutes } from './routes.ts';
export { handlingJobHandlers, startReminderTimer, enqueueDailyReminders } from './jobs.ts';
export { sendReminders } from './reminders.ts';
export { createReferenceCode, listReferenceCodes } from './reference-codes.ts';
export { saveSupplierRule } from './supplier-rules.ts';
export { createTemplate } from './templates.ts';
export { getSettings } from './settings.ts';
export { review, approve, reject, assign, assertMayReadInvoice } from './attest-flow.ts';
export { saveCoding } from './coding.ts';
export type { Person } from './person.ts';
export type { HandlingStatus } from './invoice-facts.ts';
export { handlingViewSchema } from './view-schema.ts';
export { tasksFor } from './tasks.ts';
export { latePaymentCost, interestRatePercentOn, LATE_PAYMENT_FEE_ORE } from './late-payment.ts';
