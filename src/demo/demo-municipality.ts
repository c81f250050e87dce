// The fictional demo municipalities. Exempel kommun is modelled on the source board paper: the units
// of its budget tables under Kommunstyrelsen, plus social-, utbildnings- and samhällsbyggnadsnämnden.
// The chart of accounts is a fictional excerpt in Kommun-Bas style: data, not constants.
import type { UnitKind } from '../modules/org/index.ts';
import type { Role } from '../platform/auth/roles.ts';

export type DemoUnit = { code: string; name: string; kind: UnitKind; children?: DemoUnit[] };
export type DemoUser = { username: string; displayName: string; email: string; roles: Role[]; trainedBuyerAt?: string };
export type DemoRight = { username: string; ansvar: string[]; maxAmount: string; validFrom: string; validTo?: string };
export type DemoReferenceCode = { code: string; username: string; ansvar: string };
export type DemoTenant = {
  name: string; orgNumber: string; peppolId: string;
  units: DemoUnit[];
  accounts: [string, string][];
  verksamhet: [string, string][];
  projekt: [string, string, string, string | null][];
  objekt: [string, string][];
  users: DemoUser[];
  rights: DemoRight[];
  substitutes: { username: string; substitute: string; validFrom: string; validTo: string }[];
  /** Reference codes (BT-10) of the beställare; every demo user with that role has one. */
  referenceCodes: DemoReferenceCode[];
  /** Item classification (UNSPSC prefix) → expense account. */
  classificationAccounts: [string, string][];
};

export const DEMO_PASSWORD = 'avrop-demo';

const enhet = (code: string, name: string): DemoUnit => ({ code, name, kind: 'enhet' });

export const exempelKommun: DemoTenant = {
  name: 'Exempel kommun',
  orgNumber: '212000-2411',
  peppolId: '0007:2120002411',
  units: [
    { code: 'KF', name: 'Kommunfullmäktige', kind: 'namnd', children: [enhet('1100', 'Kommunfullmäktige')] },
    { code: 'REV', name: 'Revision', kind: 'namnd', children: [enhet('1200', 'Revision')] },
    { code: 'OFN', name: 'Överförmyndare', kind: 'namnd', children: [enhet('1300', 'Överförmyndare')] },
    { code: 'VAL', name: 'Valnämnden', kind: 'namnd', children: [enhet('1400', 'Valnämnden')] },
    {
      code: 'KS', name: 'Kommunstyrelsen', kind: 'namnd', children: [{
        code: 'KLF', name: 'Kommunledningsförvaltningen', kind: 'forvaltning', children: [
          enhet('4401', 'Kommundirektör'), enhet('4410', 'Arbetsgivarenheten'), enhet('4411', 'Ekonomienheten'),
          enhet('4420', 'Näringslivsenheten'), enhet('4430', 'Säkerhetsenheten'), enhet('4440', 'Service & kommunikation'), enhet('4450', 'IT'),
        ],
      }],
    },
    {
      code: 'SN', name: 'Socialnämnden', kind: 'namnd', children: [{
        code: 'SOF', name: 'Socialförvaltningen', kind: 'forvaltning', children: [
          enhet('5110', 'Äldreboendet Björken'), enhet('5120', 'Hemtjänst'), enhet('5210', 'Individ- och familjeomsorg'), enhet('5310', 'LSS-verksamhet'),
        ],
      }],
    },
    {
      code: 'UN', name: 'Utbildningsnämnden', kind: 'namnd', children: [{
        code: 'UTF', name: 'Utbildningsförvaltningen', kind: 'forvaltning', children: [
          enhet('6110', 'Centralskolan'), enhet('6120', 'Förskolan Solrosen'), enhet('6210', 'Gymnasieskolan'), enhet('6310', 'Kulturskolan'),
        ],
      }],
    },
    {
      code: 'SBN', name: 'Samhällsbyggnadsnämnden', kind: 'namnd', children: [{
        code: 'SBF', name: 'Samhällsbyggnadsförvaltningen', kind: 'forvaltning', children: [
          enhet('7110', 'Gata och park'), enhet('7210', 'Fastighetsförvaltning'), enhet('7310', 'VA-enheten'), enhet('7410', 'Bygg och miljö'),
        ],
      }],
    },
  ],
  accounts: [
    ['1680', 'Fordran momskompensation'], ['1930', 'Bank, koncernkonto'], ['2440', 'Leverantörsskulder'], ['2641', 'Ingående moms, avdragsgill'],
    ['4010', 'Anläggnings- och underhållsmaterial'], ['4510', 'Köp av huvudverksamhet'], ['4520', 'Köp av vård och omsorg'],
    ['4610', 'Bidrag till föreningar'], ['5010', 'Löner månadsavlönade'],
    ['6110', 'Lokalhyror'], ['6150', 'Hyra av fordon, leasing'], ['6210', 'El'], ['6220', 'Uppvärmning'], ['6230', 'Vatten och avlopp'],
    ['6410', 'Förbrukningsinventarier'], ['6420', 'Förbrukningsmaterial'], ['6430', 'Kontorsmaterial och trycksaker'],
    ['6440', 'Livsmedel'], ['6450', 'Böcker, tidningar och läromedel'], ['6460', 'Arbetskläder och skyddsutrustning'],
    ['6510', 'IT-tjänster och licenser'], ['6520', 'Telefoni och datakommunikation'], ['6530', 'Porto och frakt'],
    ['6610', 'Konsulttjänster'], ['6620', 'Städtjänster'], ['6630', 'Bevakningstjänster'], ['6710', 'Representation'],
    ['6810', 'Kurser och konferenser'], ['7010', 'Resekostnader'], ['7110', 'Annonser och reklam'], ['7210', 'Försäkringspremier'],
  ],
  verksamhet: [
    ['100', 'Politisk verksamhet'], ['200', 'Infrastruktur och skydd'], ['300', 'Kultur och fritid'], ['400', 'Pedagogisk verksamhet'],
    ['500', 'Vård och omsorg'], ['600', 'Särskilt riktade insatser'], ['700', 'Affärsverksamhet'], ['800', 'Gemensam verksamhet'],
  ],
  projekt: [
    ['90001', 'Införande av e-handel', '2024-01-01', null], ['90002', 'Projekt Stabil, IT-säkerhet', '2023-01-01', '2026-12-31'],
    ['90003', 'Hamnprojektet', '2024-01-01', null], ['90004', 'Skyltprogram centrum', '2024-01-01', '2025-12-31'],
  ],
  objekt: [['3001', 'Stadshuset'], ['3002', 'Centralskolan, byggnad'], ['3003', 'Bilpoolen'], ['3004', 'Äldreboendet Björken, byggnad']],
  users: [
    { username: 'admin', displayName: 'Maria Lindqvist', email: 'maria.lindqvist@exempel.se', roles: ['systemforvaltare'] },
    { username: 'bestallare', displayName: 'Anna Berg', email: 'anna.berg@exempel.se', roles: ['bestallare'], trainedBuyerAt: '2026-02-10' },
    { username: 'samordnare', displayName: 'Johan Nilsson', email: 'johan.nilsson@exempel.se', roles: ['inkopssamordnare', 'bestallare'], trainedBuyerAt: '2025-11-04' },
    { username: 'attestant', displayName: 'Karin Holm', email: 'karin.holm@exempel.se', roles: ['beslutsattestant'] },
    { username: 'attestant2', displayName: 'Ali Hassan', email: 'ali.hassan@exempel.se', roles: ['beslutsattestant'] },
    { username: 'godsmottagare', displayName: 'Erik Lund', email: 'erik.lund@exempel.se', roles: ['godsmottagare'] },
    { username: 'fakturahanterare', displayName: 'Lena Ström', email: 'lena.strom@exempel.se', roles: ['fakturahanterare'] },
    { username: 'inkopscontroller', displayName: 'Peter Sandberg', email: 'peter.sandberg@exempel.se', roles: ['inkopscontroller'] },
    { username: 'ekonom', displayName: 'Sofia Ek', email: 'sofia.ek@exempel.se', roles: ['ekonom'] },
    { username: 'ekonomichef', displayName: 'Henrik Wall', email: 'henrik.wall@exempel.se', roles: ['ekonom'] },
    { username: 'omsorg', displayName: 'Maja Sund', email: 'maja.sund@exempel.se', roles: ['bestallare', 'godsmottagare'], trainedBuyerAt: '2026-03-02' },
    { username: 'skola', displayName: 'Olof Ek', email: 'olof.ek@exempel.se', roles: ['bestallare'], trainedBuyerAt: '2026-01-20' },
    { username: 'fastighet', displayName: 'Nils Åberg', email: 'nils.aberg@exempel.se', roles: ['bestallare', 'godsmottagare'], trainedBuyerAt: '2025-10-14' },
    { username: 'revisor', displayName: 'Göran Falk', email: 'goran.falk@exempel.se', roles: ['revisor'] },
  ],
  rights: [
    { username: 'attestant', ansvar: ['4401', '4410', '4411', '4420', '4430', '4440', '4450'], maxAmount: '200000.00', validFrom: '2026-01-01' },
    { username: 'attestant2', ansvar: ['5110', '5120', '5210', '5310'], maxAmount: '100000.00', validFrom: '2026-01-01' },
    { username: 'attestant2', ansvar: ['4411'], maxAmount: '50000.00', validFrom: '2026-01-01' },
    { username: 'attestant', ansvar: ['7110', '7210', '7310', '7410'], maxAmount: '300000.00', validFrom: '2026-01-01' },
    { username: 'attestant2', ansvar: ['6110', '6120', '6210', '6310'], maxAmount: '150000.00', validFrom: '2026-01-01' },
  ],
  substitutes: [{ username: 'attestant', substitute: 'attestant2', validFrom: '2026-12-21', validTo: '2027-01-06' }],
  referenceCodes: [
    { code: 'KS4411', username: 'bestallare', ansvar: '4411' }, { code: 'KS4450', username: 'samordnare', ansvar: '4450' }, { code: 'KS4440', username: 'samordnare', ansvar: '4440' },
    { code: 'SN5110', username: 'omsorg', ansvar: '5110' }, { code: 'SN5120', username: 'omsorg', ansvar: '5120' },
    { code: 'UN6110', username: 'skola', ansvar: '6110' }, { code: 'UN6120', username: 'skola', ansvar: '6120' },
    { code: 'SB7110', username: 'fastighet', ansvar: '7110' }, { code: 'SB7210', username: 'fastighet', ansvar: '7210' },
  ],
  classificationAccounts: [['4410', '6420'], ['4412', '6430'], ['4411', '6430'], ['4310', '6410'], ['4321', '6410'], ['4320', '6510'], ['5010', '6440'], ['5510', '6450'], ['4610', '6460'], ['4211', '6420']],
};

export const grannbyKommun: DemoTenant = {
  name: 'Grannby kommun',
  orgNumber: '212000-2437',
  peppolId: '0007:2120002437',
  units: [
    { code: 'KS', name: 'Kommunstyrelsen', kind: 'namnd', children: [{
      code: 'KLK', name: 'Kommunledningskontoret', kind: 'forvaltning', children: [enhet('100', 'Kansliet'), enhet('110', 'Ekonomi')],
    }] },
  ],
  accounts: [['2440', 'Leverantörsskulder'], ['6420', 'Förbrukningsmaterial'], ['6430', 'Kontorsmaterial'], ['6610', 'Konsulttjänster']],
  verksamhet: [['800', 'Gemensam verksamhet']],
  projekt: [],
  objekt: [],
  users: [
    { username: 'admin', displayName: 'Per Grann', email: 'per.grann@grannby.se', roles: ['systemforvaltare'] },
    { username: 'attestant', displayName: 'Eva Grann', email: 'eva.grann@grannby.se', roles: ['beslutsattestant'] },
  ],
  rights: [{ username: 'attestant', ansvar: ['100', '110'], maxAmount: '75000.00', validFrom: '2026-01-01' }],
  substitutes: [],
  referenceCodes: [],
  classificationAccounts: [],
};
