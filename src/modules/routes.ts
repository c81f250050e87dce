// Every module's routes, registered by the HTTP application.
import type { App, AppContext } from '../platform/http/types.ts';
import { registerOrgRoutes } from './org/index.ts';
import { registerAttestRoutes } from './attest/index.ts';
import { registerInvoiceRoutes } from './invoices/index.ts';
import { registerSupplierRoutes } from './suppliers/index.ts';
import { registerHandlingRoutes } from './handling/index.ts';
import { registerLedgerRoutes } from './ledger/index.ts';
import { registerPaymentRoutes } from './payments/index.ts';

export function registerModuleRoutes(app: App, ctx: AppContext): void {
  registerOrgRoutes(app, ctx);
  registerAttestRoutes(app, ctx);
  registerSupplierRoutes(app, ctx);
  registerInvoiceRoutes(app, ctx);
  registerHandlingRoutes(app, ctx);
  registerLedgerRoutes(app, ctx);
  registerPaymentRoutes(app, ctx);
}
