export { recordEvent, type Actor, type AuditEvent } from './record-event.ts';
export { listEvents, type AuditFilter, type AuditEventView } from './list-events.ts';
export { verifyChain, type ChainVerdict } from './verify-chain.ts';
