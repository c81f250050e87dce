-- Invoice intake: every inbound document kept unchanged with its hash, exactly once per tenant; the
-- registered invoice with lines, VAT breakdown and attachments; findings of the validator.

-- What arrived, byte for byte. The unique hash per tenant makes a second delivery a duplicate.
CREATE TABLE inbound_documents (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes         bytea NOT NULL,
  filename      text,
  content_type  text NOT NULL,
  source        text NOT NULL CHECK (source IN ('peppol', 'upload', 'api', 'cli', 'pdf', 'demo')),
  received_at   timestamptz NOT NULL DEFAULT now(),
  invoice_id    text,
  UNIQUE (tenant_id, sha256)
);
SELECT avrop_tenant_table('inbound_documents', 'SELECT, INSERT, UPDATE');

CREATE TABLE invoices (
  id                   text PRIMARY KEY,
  tenant_id            text NOT NULL REFERENCES tenants(id),
  document_id          text NOT NULL REFERENCES inbound_documents(id),
  supplier_id          text,
  status               text NOT NULL CHECK (status IN ('registered', 'rejected', 'suspected_duplicate', 'dismissed_duplicate')),
  source               text NOT NULL,
  format               text NOT NULL CHECK (format IN ('ubl-invoice', 'ubl-creditnote', 'cii', 'pdf', 'unknown')),
  is_credit_note       boolean NOT NULL DEFAULT false,
  invoice_number       text,
  type_code            text,
  issue_date           date,
  due_date             date,
  currency             text,
  buyer_reference      text,
  order_reference      text,
  contract_reference   text,
  accounting_reference text,
  seller_name          text,
  seller_org_number    text,
  seller_vat_number    text,
  seller_endpoint      text,
  buyer_endpoint       text,
  payment_reference    text,
  payment_accounts     jsonb NOT NULL DEFAULT '[]',
  net_amount_ore       bigint,
  vat_amount_ore       bigint,
  gross_amount_ore     bigint,
  payable_amount_ore   bigint,
  findings             jsonb NOT NULL DEFAULT '[]',
  duplicate_of         text REFERENCES invoices(id),
  duplicate_reason     text,
  line_count           integer NOT NULL DEFAULT 0,
  received_at          timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, id)
);
CREATE INDEX invoices_due ON invoices (tenant_id, due_date);
CREATE INDEX invoices_supplier_number ON invoices (tenant_id, supplier_id, invoice_number);
CREATE INDEX invoices_status ON invoices (tenant_id, status);
SELECT avrop_tenant_table('invoices', 'SELECT, INSERT, UPDATE');

CREATE TABLE invoice_lines (
  tenant_id           text NOT NULL REFERENCES tenants(id),
  invoice_id          text NOT NULL REFERENCES invoices(id),
  position            integer NOT NULL,
  line_id             text,
  description         text,
  note                text,
  quantity            text,
  unit_code           text,
  net_price           text,
  net_amount_ore      bigint,
  vat_category        text,
  vat_rate            text,
  sellers_item_id     text,
  standard_item_id    text,
  classifications     jsonb NOT NULL DEFAULT '[]',
  accounting_reference text,
  order_line_reference text,
  period_start        date,
  period_end          date,
  PRIMARY KEY (invoice_id, position)
);
SELECT avrop_tenant_table('invoice_lines', 'SELECT, INSERT');

CREATE TABLE invoice_vat (
  tenant_id       text NOT NULL REFERENCES tenants(id),
  invoice_id      text NOT NULL REFERENCES invoices(id),
  position        integer NOT NULL,
  category        text,
  rate            text,
  taxable_ore     bigint,
  tax_ore         bigint,
  exemption_reason text,
  PRIMARY KEY (invoice_id, position)
);
SELECT avrop_tenant_table('invoice_vat', 'SELECT, INSERT');

CREATE TABLE invoice_attachments (
  tenant_id     text NOT NULL REFERENCES tenants(id),
  invoice_id    text NOT NULL REFERENCES invoices(id),
  position      integer NOT NULL,
  reference_id  text,
  description   text,
  filename      text,
  mime_code     text,
  external_uri  text,
  bytes         bytea,
  size          integer,
  PRIMARY KEY (invoice_id, position)
);
SELECT avrop_tenant_table('invoice_attachments', 'SELECT, INSERT');

-- Documents whose recipient is none of our tenants: kept (owner only) so nothing is lost.
CREATE TABLE unrouted_documents (
  id           text PRIMARY KEY,
  sha256       text NOT NULL UNIQUE,
  bytes        bytea NOT NULL,
  filename     text,
  source       text NOT NULL,
  reason       text NOT NULL,
  buyer_ids    jsonb NOT NULL DEFAULT '[]',
  received_at  timestamptz NOT NULL DEFAULT now()
);
