-- Experiments store, SQLite. Timestamps are INTEGER microseconds since the Unix epoch (UTC), which sort and
-- compare like PostgreSQL's timestamptz; JSON is TEXT.

CREATE TABLE exposures (
    request_id     TEXT    NOT NULL PRIMARY KEY,
    exposed_at     INTEGER NOT NULL,
    user_id        TEXT    NOT NULL,
    experiment     TEXT    NOT NULL,
    variant        TEXT    NOT NULL,
    config_version TEXT    NOT NULL,
    model_versions TEXT    NOT NULL,
    strategy       TEXT    NOT NULL,
    items          TEXT    NOT NULL
);

-- Analysis reads an experiment's exposures per user in time order.
CREATE INDEX exposures_by_experiment_user ON exposures (experiment, user_id, exposed_at);

CREATE TABLE outcomes (
    event_id    TEXT    NOT NULL PRIMARY KEY,
    type        TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    item_id     TEXT    NOT NULL,
    request_id  TEXT    NULL,
    occurred_at INTEGER NOT NULL,
    value       REAL    NULL,
    received_at INTEGER NOT NULL
);

-- Attribution through the user's assignment, and the pre-exposure covariate.
CREATE INDEX outcomes_by_user_type ON outcomes (user_id, type, occurred_at);
-- Attribution through the request id.
CREATE INDEX outcomes_by_request ON outcomes (request_id) WHERE request_id IS NOT NULL;

CREATE TABLE experiment_history (
    id            INTEGER NOT NULL PRIMARY KEY,
    experiment_id TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    changed_by    TEXT    NOT NULL,
    changed_at    INTEGER NOT NULL,
    before_config TEXT    NULL,
    after_config  TEXT    NULL
);

CREATE INDEX experiment_history_by_experiment ON experiment_history (experiment_id, id);
