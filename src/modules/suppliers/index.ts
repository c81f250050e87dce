// Public surface of the supplier register (leverantörsregister).
export {
  getSupplier, searchSuppliers, createSupplier, updateSupplier, blockSupplier, unblockSupplier,
  findSupplierByEndpoint, findSupplierByOrgNumber, findSupplierByVatNumber, findSupplierByPaymentAccount,
  type Supplier, type PaymentAccount, type Endpoint, type Address, type Contact, type SupplierSearch,
  type CreateSupplierInput, type UpdateSupplierInput,
} from './suppliers.ts';
export { addAccount, verifyAccount, endAccount } from './accounts.ts';
export { createOnboardingTask, listOnboardingTasks, getOnboardingTask, resolveOnboardingTask, type OnboardingTask, type OnboardingInput, type OnboardingResult, type OnboardingStatus, type ResolveInput } from './onboarding.ts';
export { importSuppliers, type ImportReport } from './import-suppliers.ts';
export { parseSupplierFile } from './parse-supplier-file.ts';
export { checkSwedishBankAccount, CLEARING_RANGES, type BankAccount, type BankAccountReason } from './bank-account.ts';
export { normaliseAccount, accountTypes, type AccountType, type AccountInput } from './identifiers.ts';
export { loadDemoSuppliers, demoSuppliers } from './demo.ts';
export { identifySupplierId, type SupplierIdentification } from './identify-supplier.ts';
export { registerSupplierRoutes } from './routes.ts';
