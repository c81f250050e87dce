-- Invoice handling: routing (koppling) to a reference person, coding (kontering) and the attest of
-- the attestreglemente (granskningsattest, then beslutsattest per ansvar by someone else).

-- The path of an invoice: to_identify → to_code → to_review → to_approve → approved; disputed when
-- returned to the supplier. 'registered' is no longer used: intake routes in the same transaction.
ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
UPDATE invoices SET status = 'to_identify' WHERE status = 'registered';
ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN (
  'to_identify', 'to_code', 'to_review', 'to_approve', 'approved', 'disputed', 'rejected', 'suspected_duplicate', 'dismissed_duplicate'));
ALTER TABLE invoices
  ADD COLUMN assigned_user_id       text REFERENCES users(id),
  ADD COLUMN routing_method         text CHECK (routing_method IN ('order-reference', 'buyer-reference', 'supplier-rule', 'manual')),
  ADD COLUMN routing_reference_code text,
  ADD COLUMN routing_detail         text,
  ADD COLUMN routed_at              timestamptz,
  ADD COLUMN coding_source          text,
  ADD COLUMN template_id            text,
  ADD COLUMN designated_approver_id text REFERENCES users(id),
  ADD COLUMN status_changed_at      timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN escalated_at           timestamptz,
  ADD COLUMN handling_note          text,
  ADD COLUMN note                   text;
CREATE INDEX invoices_assigned ON invoices (tenant_id, assigned_user_id, status);

-- Reference codes (referenskoder) suppliers put in the buyer reference (BT-10): each leads to a person.
CREATE TABLE reference_codes (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id),
  code        text NOT NULL CHECK (code ~ '^[A-Z0-9]{2,12}$'),
  user_id     text NOT NULL REFERENCES users(id),
  ansvar      text,
  description text,
  active      boolean NOT NULL DEFAULT true,
  version     integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, code)
);
SELECT avrop_tenant_table('reference_codes', 'SELECT, INSERT, UPDATE');

-- Supplier rules: "this supplier's invoices go to person Y / ansvar X", with an optional coding default.
CREATE TABLE supplier_rules (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants(id),
  supplier_id  text NOT NULL REFERENCES suppliers(id),
  user_id      text REFERENCES users(id),
  ansvar       text,
  konto        text,
  dimensions   jsonb NOT NULL DEFAULT '{}',
  vat_handling text CHECK (vat_handling IN ('deductible', 'compensation', 'none')),
  note         text,
  version      integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, supplier_id),
  CHECK (user_id IS NOT NULL OR ansvar IS NOT NULL OR konto IS NOT NULL)
);
SELECT avrop_tenant_table('supplier_rules', 'SELECT, INSERT, UPDATE, DELETE');

-- Recurring invoices (el, tele, leasing, hyra): coding by percentage and a named approver, used when
-- the amount is within the tolerance of the previous period's.
CREATE TABLE recurring_templates (
  id                 text PRIMARY KEY,
  tenant_id          text NOT NULL REFERENCES tenants(id),
  supplier_id        text NOT NULL REFERENCES suppliers(id),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  user_id            text NOT NULL REFERENCES users(id),
  approver_user_id   text REFERENCES users(id),
  rows               jsonb NOT NULL,
  tolerance_percent  numeric(5,2) NOT NULL DEFAULT 10 CHECK (tolerance_percent >= 0 AND tolerance_percent <= 100),
  last_amount_ore    bigint,
  last_invoice_id    text,
  active             boolean NOT NULL DEFAULT true,
  version            integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, supplier_id, name)
);
SELECT avrop_tenant_table('recurring_templates', 'SELECT, INSERT, UPDATE');

-- Item classification (e.g. UNSPSC prefix) → expense account.
CREATE TABLE classification_accounts (
  tenant_id  text NOT NULL REFERENCES tenants(id),
  prefix     text NOT NULL CHECK (prefix ~ '^[0-9A-Za-z]{1,20}$'),
  konto      text NOT NULL,
  PRIMARY KEY (tenant_id, prefix)
);
SELECT avrop_tenant_table('classification_accounts', 'SELECT, INSERT, UPDATE, DELETE');

-- The coding rows of an invoice: amount excluding VAT, the row's share of the VAT and how it is handled.
CREATE TABLE coding_rows (
  tenant_id     text NOT NULL REFERENCES tenants(id),
  invoice_id    text NOT NULL REFERENCES invoices(id),
  position      integer NOT NULL,
  konto         text NOT NULL,
  ansvar        text NOT NULL,
  dimensions    jsonb NOT NULL DEFAULT '{}',
  amount_ore    bigint NOT NULL,
  vat_ore       bigint NOT NULL,
  vat_handling  text NOT NULL CHECK (vat_handling IN ('deductible', 'compensation', 'none')),
  line_position integer,
  text          text,
  PRIMARY KEY (invoice_id, position)
);
SELECT avrop_tenant_table('coding_rows', 'SELECT, INSERT, DELETE');

-- What people did to an invoice: assign, code, review (granskningsattest), approve (beslutsattest, per
-- ansvar), return, dispute, duplicate decisions. Attests are 'active' until the invoice is returned.
CREATE TABLE invoice_actions (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id),
  invoice_id    text NOT NULL REFERENCES invoices(id),
  kind          text NOT NULL CHECK (kind IN ('route', 'assign', 'code', 'review', 'approve', 'return', 'dispute', 'not_duplicate', 'duplicate')),
  user_id       text REFERENCES users(id),
  ansvar        text,
  amount_ore    bigint,
  via           text CHECK (via IN ('right', 'substitute')),
  on_behalf_of  text REFERENCES users(id),
  comment       text,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoice_actions_invoice ON invoice_actions (tenant_id, invoice_id, created_at);
-- The database, not only the code, keeps one review and one approval per ansvar per round.
CREATE UNIQUE INDEX invoice_actions_one_review ON invoice_actions (invoice_id) WHERE active AND kind = 'review';
CREATE UNIQUE INDEX invoice_actions_one_approval ON invoice_actions (invoice_id, ansvar) WHERE active AND kind = 'approve';
SELECT avrop_tenant_table('invoice_actions', 'SELECT, INSERT, UPDATE');

-- Two different people: the approver of an ansvar is never the active reviewer of the same invoice.
CREATE FUNCTION avrop_four_eyes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'approve' AND EXISTS (
    SELECT 1 FROM invoice_actions a WHERE a.invoice_id = NEW.invoice_id AND a.active AND a.kind = 'review' AND a.user_id = NEW.user_id) THEN
    RAISE EXCEPTION 'four-eyes: the reviewer may not approve the same invoice' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.kind = 'review' AND EXISTS (
    SELECT 1 FROM invoice_actions a WHERE a.invoice_id = NEW.invoice_id AND a.active AND a.kind = 'approve' AND a.user_id = NEW.user_id) THEN
    RAISE EXCEPTION 'four-eyes: the approver may not review the same invoice' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER invoice_actions_four_eyes BEFORE INSERT ON invoice_actions FOR EACH ROW EXECUTE FUNCTION avrop_four_eyes();

-- In-app reminders and escalations ("Mina uppgifter"); one per key.
CREATE TABLE notifications (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id),
  user_id     text NOT NULL REFERENCES users(id),
  invoice_id  text REFERENCES invoices(id),
  kind        text NOT NULL CHECK (kind IN ('reminder', 'escalation', 'returned', 'assigned')),
  message     text NOT NULL,
  dedupe_key  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  UNIQUE (tenant_id, dedupe_key)
);
CREATE INDEX notifications_user ON notifications (tenant_id, user_id, created_at DESC);
SELECT avrop_tenant_table('notifications', 'SELECT, INSERT, UPDATE');

-- Per-municipality settings of invoice handling: VAT and debt accounts, reminder and escalation limits.
CREATE TABLE handling_settings (
  tenant_id                 text PRIMARY KEY REFERENCES tenants(id),
  vat_deductible_account    text NOT NULL DEFAULT '2641',
  vat_compensation_account  text NOT NULL DEFAULT '1680',
  supplier_debt_account     text NOT NULL DEFAULT '2440',
  default_vat_handling      text NOT NULL DEFAULT 'compensation' CHECK (default_vat_handling IN ('deductible', 'compensation', 'none')),
  reminder_working_days     integer NOT NULL DEFAULT 3 CHECK (reminder_working_days BETWEEN 1 AND 60),
  escalation_working_days   integer NOT NULL DEFAULT 5 CHECK (escalation_working_days BETWEEN 1 AND 60),
  due_soon_working_days     integer NOT NULL DEFAULT 5 CHECK (due_soon_working_days BETWEEN 0 AND 60),
  version                   integer NOT NULL DEFAULT 1
);
SELECT avrop_tenant_table('handling_settings', 'SELECT, INSERT, UPDATE');
