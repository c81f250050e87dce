// Which screens each role may open, and where it may change things. The server checks every
// request again; this only keeps the navigation honest (no links the user may not use).
import type { Role } from '../api/types.ts';

export type PageId = 'overview' | 'organisation' | 'coding' | 'users' | 'attestRights' | 'audit' | 'account';

export type PageDef = { id: PageId; path: string };

export const PAGES: readonly PageDef[] = [
  { id: 'overview', path: '/' },
  { id: 'organisation', path: '/organisation' },
  { id: 'coding', path: '/kontering' },
  { id: 'users', path: '/anvandare' },
  { id: 'attestRights', path: '/attestratter' },
  { id: 'audit', path: '/granskningslogg' },
  { id: 'account', path: '/mitt-konto' },
];

const EVERYONE = 'everyone';

// Organisation and coding are read by the roles that code purchases and invoices or follow them
// up; only the systemförvaltare changes them. The revisor reads everything but changes nothing.
const viewers: Record<PageId, readonly Role[] | typeof EVERYONE> = {
  overview: EVERYONE,
  account: EVERYONE,
  organisation: ['systemforvaltare', 'revisor', 'ekonom', 'inkopscontroller', 'fakturahanterare', 'inkopssamordnare'],
  coding: ['systemforvaltare', 'revisor', 'ekonom', 'inkopscontroller', 'fakturahanterare', 'inkopssamordnare'],
  users: ['systemforvaltare'],
  attestRights: ['systemforvaltare'],
  audit: ['systemforvaltare', 'revisor'],
};

const editors: Record<PageId, readonly Role[] | typeof EVERYONE> = {
  overview: EVERYONE,
  account: EVERYONE,
  organisation: ['systemforvaltare'],
  coding: ['systemforvaltare'],
  users: ['systemforvaltare'],
  attestRights: ['systemforvaltare'],
  audit: [],
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
