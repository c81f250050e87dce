// Public surface of the invoice module.
export { ingestDocument, sha256, MAX_DOCUMENT_BYTES, type IngestResult, type IngestInput, type Outcome } from './ingest-document.ts';
export { listInvoices, getInvoice, getOriginal, type InvoiceListItem, type InvoiceDetail } from './queries.ts';
export { scanInbox, inboxDir } from './scan-inbox.ts';
export { invoiceJobHandlers, runInvoiceJobs, startInboxWorker } from './jobs.ts';
export { outboxDir } from './write-response.ts';
export { registerInvoiceRoutes } from './routes.ts';
