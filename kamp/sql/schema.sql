-- Every table KAMP keeps, created when missing (kamp.store.connect runs this).
CREATE SEQUENCE IF NOT EXISTS import_seq START 1;
CREATE TABLE IF NOT EXISTS imports (
    import_id     INTEGER PRIMARY KEY,
    kind          VARCHAR NOT NULL,
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    file_format   VARCHAR,
    rows_read     BIGINT,
    rows_loaded   BIGINT,
    rows_rejected BIGINT,
    rows_present  BIGINT,
    mapping       VARCHAR,
    options       VARCHAR,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    note          VARCHAR
);
CREATE TABLE IF NOT EXISTS rejects (
    import_id INTEGER NOT NULL,
    src_row   BIGINT,
    reason    VARCHAR NOT NULL,
    raw       VARCHAR
);
CREATE TABLE IF NOT EXISTS transactions (
    account_id   VARCHAR NOT NULL,
    ts           TIMESTAMP NOT NULL,
    amount       DOUBLE NOT NULL,
    invoice_id   VARCHAR,
    line_id      VARCHAR,
    product      VARCHAR,
    description  VARCHAR,
    product_line VARCHAR,
    quantity     DOUBLE,
    unit_price   DOUBLE,
    cost         DOUBLE,
    discount     DOUBLE,
    salesperson  VARCHAR,
    region       VARCHAR,
    channel      VARCHAR,
    country      VARCHAR,
    account_name VARCHAR,
    is_return    BOOLEAN NOT NULL,
    is_product   BOOLEAN NOT NULL,
    row_hash     UBIGINT NOT NULL,
    import_id    INTEGER NOT NULL,
    src_row      BIGINT
);
CREATE TABLE IF NOT EXISTS accounts (
    account_id         VARCHAR PRIMARY KEY,
    name               VARCHAR,
    industry           VARCHAR,
    region             VARCHAR,
    country            VARCHAR,
    size_band          VARCHAR,
    registered_capital DOUBLE,
    annual_revenue     DOUBLE,
    listed             VARCHAR,
    owner              VARCHAR,
    wallet_estimate    DOUBLE,
    import_id          INTEGER
);
CREATE TABLE IF NOT EXISTS contacts (
    account_id   VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    title        VARCHAR,
    role         VARCHAR,
    influence    INTEGER,
    attitude     INTEGER,
    email        VARCHAR,
    phone        VARCHAR,
    last_contact TIMESTAMP,
    row_hash     UBIGINT NOT NULL,
    import_id    INTEGER,
    src_row      BIGINT
);
CREATE TABLE IF NOT EXISTS contact_history (  -- an account's contacts as they were before each edit
    account_id VARCHAR NOT NULL,
    contacts   VARCHAR NOT NULL,
    author     VARCHAR,
    saved_at   TIMESTAMP
);
CREATE TABLE IF NOT EXISTS payments (
    account_id  VARCHAR NOT NULL,
    invoice_id  VARCHAR NOT NULL,
    invoice_date TIMESTAMP NOT NULL,
    amount      DOUBLE NOT NULL,
    due_date    TIMESTAMP,
    paid_date   TIMESTAMP,
    paid_amount DOUBLE,
    row_hash    UBIGINT NOT NULL,
    import_id   INTEGER,
    src_row     BIGINT
);
CREATE TABLE IF NOT EXISTS interactions (
    account_id VARCHAR NOT NULL,
    ts         TIMESTAMP NOT NULL,
    kind       VARCHAR NOT NULL,
    score      INTEGER,
    contact    VARCHAR,
    note       VARCHAR,
    row_hash   UBIGINT NOT NULL,
    import_id  INTEGER,
    src_row    BIGINT
);
CREATE TABLE IF NOT EXISTS mapping_profiles (
    header_key VARCHAR,
    kind       VARCHAR,
    headers    VARCHAR,
    mapping    VARCHAR NOT NULL,
    saved_at   TIMESTAMP,
    PRIMARY KEY (header_key, kind)
);
CREATE TABLE IF NOT EXISTS tier_overrides (
    account_id VARCHAR NOT NULL,
    tier       VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL,
    author     VARCHAR,
    saved_at   TIMESTAMP
);
CREATE TABLE IF NOT EXISTS account_table_meta (
    cache_key VARCHAR PRIMARY KEY,
    meta      VARCHAR NOT NULL,
    saved_at  TIMESTAMP
);
CREATE TABLE IF NOT EXISTS kept_results (
    name      VARCHAR PRIMARY KEY,
    cache_key VARCHAR NOT NULL,
    payload   BLOB NOT NULL,
    saved_at  TIMESTAMP
);
CREATE TABLE IF NOT EXISTS settings (
    name     VARCHAR PRIMARY KEY,
    value    VARCHAR NOT NULL,
    saved_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS relationship_assessments (  -- append-only: the latest row per account wins
    account_id     VARCHAR NOT NULL,
    kotler_level   VARCHAR,
    pyramid_now    INTEGER,
    pyramid_target INTEGER,
    note           VARCHAR,
    author         VARCHAR,
    saved_at       TIMESTAMP
);
CREATE TABLE IF NOT EXISTS scorecard_templates (
    name     VARCHAR PRIMARY KEY,
    name_zh  VARCHAR,
    entity   VARCHAR,  -- what it scores: account or industry
    criteria VARCHAR NOT NULL,
    author   VARCHAR,
    saved_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS scorecard_scores (
    template  VARCHAR NOT NULL,
    entity    VARCHAR NOT NULL,
    criterion VARCHAR NOT NULL,
    score     DOUBLE,
    author    VARCHAR,
    saved_at  TIMESTAMP
);
CREATE TABLE IF NOT EXISTS playbook_versions (  -- append-only: every save is a new version
    account_id   VARCHAR NOT NULL,
    period       VARCHAR NOT NULL,
    worksheet    VARCHAR NOT NULL,
    version      INTEGER NOT NULL,
    "values"     VARCHAR NOT NULL,
    author       VARCHAR,
    saved_at     TIMESTAMP NOT NULL,
    base_version INTEGER,
    PRIMARY KEY (account_id, period, worksheet, version)
);
CREATE TABLE IF NOT EXISTS snapshots (  -- quarterly-review snapshots: inserted once, never updated or deleted
    name          VARCHAR PRIMARY KEY,
    period        VARCHAR NOT NULL,
    as_of         DATE NOT NULL,
    taken_at      TIMESTAMP NOT NULL,
    author        VARCHAR,
    accounts      INTEGER,
    tier_order    VARCHAR,  -- JSON list of tier names, best first
    concentration VARCHAR,  -- JSON {basis: kamp.concentration.summary} for revenue and revenue_12m
    data_version  INTEGER
);
CREATE TABLE IF NOT EXISTS snapshot_accounts (
    snapshot      VARCHAR NOT NULL,
    account_id    VARCHAR NOT NULL,
    name          VARCHAR,
    owner         VARCHAR,
    tier          VARCHAR,
    tier_rank     INTEGER,
    segment       VARCHAR,
    status        VARCHAR,
    r_score       INTEGER,
    f_score       INTEGER,
    m_score       INTEGER,
    revenue       DOUBLE,
    revenue_12m   DOUBLE,
    margin        DOUBLE,
    abc_class     VARCHAR,
    target        DOUBLE,
    target_source VARCHAR
);
CREATE TABLE IF NOT EXISTS snapshot_milestones (
    snapshot   VARCHAR NOT NULL,
    account_id VARCHAR NOT NULL,
    milestone  VARCHAR,
    due        DATE,
    owner      VARCHAR,
    done       BOOLEAN,
    status     VARCHAR
);
-- A later export's version of an invoice (account, invoice id) or a contact (account, name)
-- supersedes the stored one: the older row stays, marked with the import that superseded it,
-- so that undoing that import brings it back. Readers take the rows not superseded.
ALTER TABLE payments ADD COLUMN IF NOT EXISTS superseded_by INTEGER;
-- A snapshot's segment names (JSON {English: Chinese}, of the rules in force): a segment renamed
-- since is still named in Chinese.
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS segment_names VARCHAR;
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS superseded_by INTEGER;
-- The date order a file of a header set was read in, when it was given or its dates showed it
-- (True: day first): the next file of those headers whose dates cannot tell is read so.
ALTER TABLE mapping_profiles ADD COLUMN IF NOT EXISTS dayfirst BOOLEAN;
CREATE OR REPLACE VIEW current_payments AS SELECT * FROM payments WHERE superseded_by IS NULL;
CREATE OR REPLACE VIEW current_contacts AS SELECT * FROM contacts WHERE superseded_by IS NULL;
