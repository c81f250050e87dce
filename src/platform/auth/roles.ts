// The roles of the attestreglemente and the product brief. Ids are ASCII; labels are Swedish first.
export const roles = [
  'bestallare', 'inkopssamordnare', 'beslutsattestant', 'godsmottagare', 'fakturahanterare',
  'inkopscontroller', 'ekonom', 'systemforvaltare', 'revisor',
] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { sv: string; en: string }> = {
  bestallare: { sv: 'Beställare', en: 'Orderer' },
  inkopssamordnare: { sv: 'Inköpssamordnare', en: 'Purchasing coordinator' },
  beslutsattestant: { sv: 'Beslutsattestant', en: 'Approver' },
  godsmottagare: { sv: 'Godsmottagare', en: 'Goods receiver' },
  fakturahanterare: { sv: 'Fakturahanterare', en: 'Accounts payable clerk' },
  inkopscontroller: { sv: 'Inköpscontroller', en: 'Procurement controller' },
  ekonom: { sv: 'Ekonom', en: 'Finance officer' },
  systemforvaltare: { sv: 'Systemförvaltare', en: 'Administrator' },
  revisor: { sv: 'Revisor', en: 'Auditor' },
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
