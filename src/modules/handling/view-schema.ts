// The OpenAPI/zod shape of the handling part of GET /api/invoices/:id.
import { z } from 'zod';

const vatHandling = z.enum(['deductible', 'compensation', 'none']);

export const handlingViewSchema = z.object({
  routing: z.object({
    method: z.enum(['order-reference', 'buyer-reference', 'supplier-rule', 'manual']).nullable(), username: z.string().nullable(), displayName: z.string().nullable(),
    referenceCode: z.string().nullable(), detail: z.string().nullable(), routedAt: z.string().nullable(),
  }),
  assignedTo: z.object({ username: z.string(), displayName: z.string() }).nullable(),
  coding: z.array(z.object({
    position: z.number(), konto: z.string(), ansvar: z.string(), dimensions: z.record(z.string(), z.string()), amount: z.string(), vatAmount: z.string(),
    vatHandling, linePosition: z.number().nullable(), text: z.string().nullable(),
  })),
  codingSource: z.string().nullable(),
  voucher: z.object({
    rows: z.array(z.object({ konto: z.string(), ansvar: z.string().nullable(), dimensions: z.record(z.string(), z.string()), debit: z.string(), credit: z.string(), text: z.string(), kind: z.string() })),
    debit: z.string(), credit: z.string(),
  }).nullable(),
  approvals: z.array(z.object({
    kind: z.enum(['review', 'approve']), username: z.string(), displayName: z.string(), ansvar: z.string().nullable(), amount: z.string().nullable(),
    via: z.string().nullable(), onBehalfOf: z.string().nullable(), comment: z.string().nullable(), at: z.string(),
  })),
  approvalNeeds: z.array(z.object({ ansvar: z.string(), amount: z.string(), approvedBy: z.string().nullable(), candidates: z.array(z.object({ username: z.string(), displayName: z.string(), via: z.string() })) })),
  designatedApprover: z.string().nullable(),
  history: z.array(z.object({ kind: z.string(), username: z.string().nullable(), displayName: z.string().nullable(), ansvar: z.string().nullable(), comment: z.string().nullable(), active: z.boolean(), at: z.string() })),
  handlingNote: z.string().nullable(),
  latePayment: z.object({ ratePercent: z.string(), fee: z.string(), daysLate: z.number(), costIfPaidToday: z.string(), interestPer30Days: z.string() }).nullable(),
});
