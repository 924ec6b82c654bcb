# The refusals of the web part, by code, with their arguments.

## Text from outside (crates/domain/src/text.rs, crates/web/src/input.rs)
web-text-nul = must not contain the NUL character
web-text-single-line = must be one line without control characters
web-text-control = must not contain control characters other than line breaks and tabs
web-uri-too-long = The address is { $length } bytes long.
web-at-most-bytes = must be at most { $max } bytes

## Parameters and bodies that do not read (crates/web/src/extract.rs, api/guard.rs, api/etag.rs)
web-utf8 = must be UTF-8 text
web-whole-number-up-to = must be a whole number from 0 to { $max }
web-whole-number = must be a whole number
web-malformed = is not a valid value
web-missing-field = missing field `{ $field }`
web-unknown-field = unknown field `{ $field }`; the fields are { $allowed }
web-unknown-field-none = unknown field `{ $field }`: this takes no fields
web-one-of = «{ $value }» is not one of the values allowed: { $allowed }
web-number = must be a number
web-boolean = must be true or false
web-text = must be text
web-list = must be a list
web-object = must be an object with its fields
web-date = must be a valid date (YYYY-MM-DD)
web-uuid = must be a UUID identifier
web-query-encoding = The query string is not valid URL encoding.
web-if-match = one entity tag as the ETag of the record gives it, e.g. "3", or *
web-send-json = Send the body as application/json.
web-body-too-large = Body over { $kib } KiB.
web-not-json = is not valid JSON (line { $line }, column { $column })
web-send-csv = Send the file as text/csv.
web-file-over = A file over { $limit }.

## Forms, access and limits (crates/web/src/auth, access.rs, rate_limit.rs, routes)
web-form-refused = The form was refused: reload the page and try again.
web-form-too-large = The form is too large.
web-csrf-header = The X-CSRF-Token header is missing or wrong (see GET /api/v1/me).
web-role-forbids = Your role does not allow this action.
web-rate-limit = More than { $limit } requests in a minute; retry later.
web-method-not-allowed = { $method } is not allowed on { $path }.
web-database-down = The database does not answer.
web-federated-off = Sign-in through SPID/CIE is not configured.

## The command line (crates/cli): one line on standard error
cli-option-rule = --{ $option }: { $rule }
cli-password-rule = password on standard input { $rule }
cli-organisation-kind = organisation `{ $organisation }` exists with kind { $kind }, not { $asked }
cli-exists = { $what } already exists
cli-password-unreadable = cannot read the password from standard input: { $error }
cli-cannot-read = cannot read { $path }: { $error }
cli-cannot-write = cannot write { $path }: { $error }
cli-cannot-remove = cannot remove { $path }: { $error }
cli-report-unwritable = cannot write the report: { $error }
cli-rows-rejected = { $count } rows rejected
cli-audit-broken = audit chain broken at entry { $seq }: { $reason } ({ $verified } entries verified before it)
cli-identity = identity configuration { $path }: { $why }
cli-redirect-uri = redirect_uri: { $error }
cli-redirect-path = redirect_uri must end with { $path }, the callback route of cloudpa
cli-config-unreadable = cannot read configuration file { $path }: { $error }
cli-config-invalid = configuration file { $path }: { $error }
cli-files-url = --files-url: { $error }
cli-files-url-scheme = --files-url `{ $url }`: only s3://BUCKET is supported (without it, files go to DATA_DIR/files)
cli-file-store-down = cannot reach the file store: { $error }
cli-data-dir = data directory { $path } is not writable: { $error }
cli-demo-listings = demo listings: { $error }
cli-demo-programme = demo programme: { $error }
cli-demo-attestation = demo asseverazione: { $error }
cli-runtime = cannot start the async runtime: { $error }
cli-trusted-proxy = --trusted-proxy: { $error }
cli-not-an-address = --{ $option } `{ $text }` is not an address such as { $example }
cli-cannot-listen = cannot listen on { $addr }: { $error }
cli-cannot-listen-metrics = cannot listen on { $addr } for metrics: { $error }
cli-server-error = server error: { $error }
cli-backup-exists = { $path } exists already: choose a new file for the backup
cli-database-url = unsupported database URL: use sqlite://PATH or postgres://…
cli-backup-engine = the backup is of a { $backup } database and cannot be restored into { $engine }
cli-backup-damaged = refusing the backup: the database file is damaged ({ $problem })
cli-backup-chain-broken = refusing the backup: its audit chain is broken at entry { $seq }: { $reason }
cli-backup-chain-differs = refusing the backup: its audit chain ends at entry { $entries } (head { $head }), its manifest at entry { $manifest_entries } (head { $manifest_head })
cli-backup-mismatch = refusing the backup { $path }: it is not the file its manifest describes ({ $bytes } bytes, sha256 { $sha256 }; the manifest says { $manifest_bytes } bytes, sha256 { $manifest_sha256 })
cli-backup-unmovable = cannot move the backup into { $path }: { $error }
cli-backup-uncopiable = cannot copy the backup to { $path }: { $error }
cli-manifest-unwritable = cannot write the manifest { $path }: { $error }
cli-manifest-unreadable = cannot read the backup's manifest { $path }: { $error } (it is written beside the backup and names its checksum)
cli-manifest-invalid = the manifest { $path } is not a cloudpa backup manifest: { $error }
cli-manifest-format = the manifest { $path } has format `{ $format }`; this cloudpa reads `{ $read }`
cli-copy-damaged = the copy is damaged ({ $problem }): no backup written
cli-copy-chain-broken = the database's audit chain is broken at entry { $seq }: { $reason }; no backup written (copy the file by hand to keep it for inspection)
cli-restore-exists = { $path } exists already: restore into a new file, or pass --replace (with the server stopped)
cli-restore-not-empty = the target PostgreSQL database is not empty: restore into a new database (createdb)
cli-restore-sqlite-file = restore needs a SQLite file, not `{ $url }`
cli-not-sqlite = not a SQLite URL: { $url }
cli-restored-unmovable = cannot move the restored database to { $path }: { $error }
cli-restored-unusable = { $reason }; the database was restored but must not be used: drop it
cli-tool-unfinished = { $tool } did not finish: { $error }
cli-tool-missing = cannot run { $tool } (install postgresql-client): { $error }
cli-tool-failed = { $tool } failed: { $error }
