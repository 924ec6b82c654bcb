-- Security findings (issue 10): a file belongs to each organisation that
-- uploaded it, under its own name, while its content is stored once; failed
-- sign-ins are counted per account and per client to throttle guessing.

CREATE TABLE blob_contents (
    sha256         TEXT PRIMARY KEY,
    size           BIGINT NOT NULL,
    content_type   TEXT NOT NULL,
    created_at_ms  BIGINT NOT NULL
);

CREATE TABLE files (
    owner_id       TEXT NOT NULL REFERENCES organisations (id),
    sha256         TEXT NOT NULL REFERENCES blob_contents (sha256),
    filename       TEXT NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    PRIMARY KEY (owner_id, sha256)
);

INSERT INTO blob_contents (sha256, size, content_type, created_at_ms)
    SELECT sha256, size, content_type, created_at_ms FROM blobs;
INSERT INTO files (owner_id, sha256, filename, created_at_ms)
    SELECT owner_id, sha256, filename, created_at_ms FROM blobs;
DROP TABLE blobs;

CREATE TABLE sign_in_failures (
    subject  TEXT NOT NULL,
    at_ms    BIGINT NOT NULL
);
CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (subject, at_ms);
