-- Payments: proposals approved by a second person, ISO 20022 payment files, payment controls (holds
-- released by a second person), and reconciliation against the bank's camt.054 / pain.002.

CREATE TABLE payment_settings (
  tenant_id                 text PRIMARY KEY REFERENCES tenants(id),
  debtor_name               text,
  debtor_bankgiro           text CHECK (debtor_bankgiro ~ '^[0-9]{7,8}$'),
  account_change_days       integer NOT NULL DEFAULT 30 CHECK (account_change_days BETWEEN 0 AND 365),
  new_supplier_limit_ore    bigint NOT NULL DEFAULT 5000000 CHECK (new_supplier_limit_ore > 0),
  max_payment_ore           bigint NOT NULL DEFAULT 100000000 CHECK (max_payment_ore > 0),
  netting                   boolean NOT NULL DEFAULT true,
  version                   integer NOT NULL DEFAULT 1
);
SELECT avrop_tenant_table('payment_settings', 'SELECT, INSERT, UPDATE');

CREATE TABLE payment_proposals (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants(id),
  number       integer NOT NULL,
  until_date   date NOT NULL,
  status       text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'file_created', 'cancelled')),
  created_by   text REFERENCES users(id),   -- NULL: made by the system (a scheduled `avrop pay propose`)
  created_at   timestamptz NOT NULL DEFAULT now(),
  approved_by  text REFERENCES users(id),
  approved_at  timestamptz,
  total_ore    bigint NOT NULL,
  invoice_count integer NOT NULL,
  UNIQUE (tenant_id, number),
  -- Four eyes, kept by the database: the one who proposes never approves.
  CHECK (approved_by IS NULL OR approved_by <> created_by),
  CHECK ((status IN ('approved', 'file_created')) <= (approved_by IS NOT NULL))
);
SELECT avrop_tenant_table('payment_proposals', 'SELECT, INSERT, UPDATE');

-- One row per invoice in a proposal. Invoices netted with a credit note share a payment (end-to-end id).
CREATE TABLE payment_items (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants(id),
  proposal_id      text NOT NULL REFERENCES payment_proposals(id),
  invoice_id       text NOT NULL REFERENCES invoices(id),
  supplier_id      text NOT NULL REFERENCES suppliers(id),
  amount_ore       bigint NOT NULL,
  due_date         date,
  end_to_end_id    text NOT NULL,
  account_id       text NOT NULL REFERENCES supplier_accounts(id),
  account_type     text NOT NULL,
  account_clearing text NOT NULL DEFAULT '',
  account_number   text NOT NULL,
  account_bic      text,
  reference_kind   text NOT NULL CHECK (reference_kind IN ('ocr', 'text')),
  reference        text NOT NULL,
  invoice_version  integer NOT NULL,
  status           text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'in_file', 'paid', 'returned', 'removed')),
  paid_on          date,
  return_reason    text
);
-- An invoice can never be in two payments at once, nor paid twice: enforced by the database.
CREATE UNIQUE INDEX payment_items_once ON payment_items (tenant_id, invoice_id) WHERE status IN ('proposed', 'in_file', 'paid');
CREATE INDEX payment_items_proposal ON payment_items (tenant_id, proposal_id);
CREATE INDEX payment_items_e2e ON payment_items (tenant_id, end_to_end_id);
SELECT avrop_tenant_table('payment_items', 'SELECT, INSERT, UPDATE');

CREATE TABLE payment_files (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants(id),
  proposal_id  text NOT NULL UNIQUE REFERENCES payment_proposals(id),
  message_id   text NOT NULL,
  filename     text NOT NULL,
  bytes        bytea NOT NULL,
  sha256       text NOT NULL,
  payments     integer NOT NULL,
  total_ore    bigint NOT NULL,
  created_by   text REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, message_id)
);
SELECT avrop_tenant_table('payment_files', 'SELECT, INSERT');

-- Payment controls: an invoice on hold is never proposed until a second person releases the hold.
CREATE TABLE payment_holds (
  id              text PRIMARY KEY,
  tenant_id       text NOT NULL REFERENCES tenants(id),
  invoice_id      text NOT NULL REFERENCES invoices(id),
  reason          text NOT NULL CHECK (reason IN ('unverified_account', 'account_mismatch', 'account_changed', 'giro_mixup', 'new_supplier_large', 'duplicate', 'no_fskatt', 'over_limit', 'blocked_supplier')),
  detail          text NOT NULL,
  raised_by       text REFERENCES users(id),
  raised_at       timestamptz NOT NULL DEFAULT now(),
  released_by     text REFERENCES users(id),
  released_at     timestamptz,
  release_comment text,
  UNIQUE (tenant_id, invoice_id, reason),
  CHECK ((released_at IS NULL) = (released_by IS NULL)),
  CHECK (released_by IS NULL OR release_comment IS NOT NULL),
  CHECK (released_by IS NULL OR raised_by IS NULL OR released_by <> raised_by)
);
CREATE INDEX payment_holds_open ON payment_holds (tenant_id, invoice_id) WHERE released_at IS NULL;
SELECT avrop_tenant_table('payment_holds', 'SELECT, INSERT, UPDATE');

-- Bank files read back: camt.054 debit notifications and pain.002 status reports, each once.
CREATE TABLE bank_imports (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id),
  kind        text NOT NULL CHECK (kind IN ('camt054', 'pain002')),
  message_id  text,
  sha256      text NOT NULL,
  filename    text,
  bytes       bytea NOT NULL,
  imported_by text REFERENCES users(id),
  imported_at timestamptz NOT NULL DEFAULT now(),
  summary     jsonb NOT NULL DEFAULT '{}',
  UNIQUE (tenant_id, sha256)
);
SELECT avrop_tenant_table('bank_imports', 'SELECT, INSERT, UPDATE');

CREATE TABLE bank_import_items (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id),
  import_id     text NOT NULL REFERENCES bank_imports(id),
  end_to_end_id text,
  amount_ore    bigint,
  booking_date  date,
  reference     text,
  outcome       text NOT NULL CHECK (outcome IN ('paid', 'returned', 'rejected', 'accepted', 'unknown', 'already_done')),
  detail        text,
  invoice_ids   text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX bank_import_items_import ON bank_import_items (tenant_id, import_id);
SELECT avrop_tenant_table('bank_import_items', 'SELECT, INSERT');
