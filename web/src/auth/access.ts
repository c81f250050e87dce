// Which screens each role may open, and where it may change things. The server checks every
// request again; this only keeps the navigation honest (no links the user may not use).
import type { Role } from '../api/types.ts';

export type PageId = 'overview' | 'tasks' | 'workbench' | 'invoice' | 'referenceCodes' | 'invoices' | 'receiveInvoice' | 'suppliers' | 'organisation' | 'coding' | 'users' | 'attestRights' | 'audit' | 'account'
  | 'ledger' | 'ledgerExport' | 'payments' | 'reconcile' | 'lateCost';

export type PageDef = { id: PageId; path: string };

export const PAGES: readonly PageDef[] = [
  { id: 'overview', path: '/' },
  { id: 'tasks', path: '/uppgifter' },
  { id: 'workbench', path: '/arbetsbank' },
  { id: 'invoices', path: '/fakturor' },
  { id: 'receiveInvoice', path: '/ta-emot-faktura' },
  { id: 'suppliers', path: '/leverantorer' },
  { id: 'payments', path: '/betalningar' },
  { id: 'reconcile', path: '/avstamning' },
  { id: 'ledger', path: '/reskontra' },
  { id: 'ledgerExport', path: '/export' },
  { id: 'lateCost', path: '/sena-betalningar' },
  { id: 'organisation', path: '/organisation' },
  { id: 'coding', path: '/kontering' },
  { id: 'users', path: '/anvandare' },
  { id: 'attestRights', path: '/attestratter' },
  { id: 'referenceCodes', path: '/referenskoder' },
  { id: 'audit', path: '/granskningslogg' },
  { id: 'account', path: '/mitt-konto' },
];

const EVERYONE = 'everyone';
const LEDGER_READERS: readonly Role[] = ['ekonom', 'revisor', 'fakturahanterare', 'systemforvaltare', 'inkopscontroller'];

// Organisation and coding are read by the roles that code purchases and invoices or follow them
// up; only the systemförvaltare changes them. The revisor reads everything but changes nothing.
const viewers: Record<PageId, readonly Role[] | typeof EVERYONE> = {
  overview: EVERYONE,
  account: EVERYONE,
  tasks: EVERYONE,
  // one invoice: its receiver and attestants open it from their tasks; the server decides who may read it
  invoice: EVERYONE,
  workbench: ['fakturahanterare', 'ekonom', 'inkopscontroller', 'revisor', 'systemforvaltare'],
  referenceCodes: ['systemforvaltare', 'ekonom', 'fakturahanterare', 'revisor'],
  invoices: ['fakturahanterare', 'ekonom', 'revisor', 'systemforvaltare', 'inkopscontroller', 'beslutsattestant'],
  receiveInvoice: ['fakturahanterare', 'systemforvaltare'],
  suppliers: ['fakturahanterare', 'inkopscontroller', 'ekonom', 'revisor', 'systemforvaltare'],
  organisation: ['systemforvaltare', 'revisor', 'ekonom', 'inkopscontroller', 'fakturahanterare', 'inkopssamordnare'],
  coding: ['systemforvaltare', 'revisor', 'ekonom', 'inkopscontroller', 'fakturahanterare', 'inkopssamordnare'],
  users: ['systemforvaltare'],
  attestRights: ['systemforvaltare'],
  audit: ['systemforvaltare', 'revisor'],
  // the ledger and payments are read by those who follow up accounts payable; only the ekonom acts
  // (proposals, approvals by a second ekonom, payment files, bank files, exports)
  ledger: LEDGER_READERS,
  ledgerExport: LEDGER_READERS,
  payments: LEDGER_READERS,
  reconcile: ['ekonom'],
  lateCost: LEDGER_READERS,
};

const editors: Record<PageId, readonly Role[] | typeof EVERYONE> = {
  overview: EVERYONE,
  account: EVERYONE,
  tasks: EVERYONE,
  invoice: EVERYONE,
  workbench: ['fakturahanterare'],
  referenceCodes: ['systemforvaltare', 'ekonom'],
  invoices: [],
  receiveInvoice: ['fakturahanterare', 'systemforvaltare'],
  suppliers: ['inkopscontroller', 'fakturahanterare', 'systemforvaltare'],
  organisation: ['systemforvaltare'],
  coding: ['systemforvaltare'],
  users: ['systemforvaltare'],
  attestRights: ['systemforvaltare'],
  audit: [],
  ledger: [],
  ledgerExport: ['ekonom'],
  payments: ['ekonom'],
  reconcile: ['ekonom'],
  lateCost: [],
};

function allowed(rule: readonly Role[] | typeof EVERYONE, roles: readonly string[]): boolean {
  return rule === EVERYONE || rule.some((r) => roles.includes(r));
}

export function canView(page: PageId, roles: readonly string[]): boolean {
  return allowed(viewers[page], roles);
}

export function canEdit(page: PageId, roles: readonly string[]): boolean {
  return allowed(editors[page], roles);
}

export function pagePath(id: PageId): string {
  return PAGES.find((p) => p.id === id)?.path ?? '/';
}

export function visiblePages(roles: readonly string[]): PageDef[] {
  return PAGES.filter((p) => canView(p.id, roles));
}

const TASK_FIRST: readonly string[] = ['bestallare', 'beslutsattestant', 'godsmottagare', 'inkopssamordnare'];

/** Beställare and attestants start on their tasks; the other roles on the overview. */
export function startsOnTasks(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((r) => TASK_FIRST.includes(r));
}

/** Verifying a supplier's payment account (four eyes: the server refuses the person who added it). */
export function canVerifyAccounts(roles: readonly string[]): boolean {
  return allowed(['ekonom', 'systemforvaltare', 'fakturahanterare'], roles);
}
