-- PDF invoices from suppliers not yet on Peppol: the uploaded file, its extracted text and the
-- proposed fields wait as a draft until a clerk confirms them; then the invoice is registered.
ALTER TABLE inbound_documents DROP CONSTRAINT inbound_documents_source_check;
ALTER TABLE inbound_documents ADD CONSTRAINT inbound_documents_source_check CHECK (source IN ('peppol', 'upload', 'api', 'cli', 'pdf', 'demo'));

CREATE TABLE pdf_drafts (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants(id),
  document_id  text NOT NULL REFERENCES inbound_documents(id),
  text         text NOT NULL,
  proposal     jsonb NOT NULL,
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'confirmed')),
  invoice_id   text REFERENCES invoices(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text
);
SELECT avrop_tenant_table('pdf_drafts', 'SELECT, INSERT, UPDATE');
