# The refusals of the web part, by code, with their arguments.

## Testo dall'esterno (crates/domain/src/text.rs, crates/web/src/input.rs)
web-text-nul = non deve contenere il carattere NUL
web-text-single-line = deve essere una sola riga senza caratteri di controllo
web-text-control = non deve contenere caratteri di controllo diversi da a capo e tabulazioni
web-uri-too-long = L'indirizzo è lungo { $length } byte.
web-at-most-bytes = deve essere al massimo di { $max } byte

## Parametri e corpi che non si leggono (crates/web/src/extract.rs, api/guard.rs, api/etag.rs)
web-utf8 = deve essere testo UTF-8
web-whole-number-up-to = deve essere un numero intero da 0 a { $max }
web-whole-number = deve essere un numero intero
web-malformed = non è un valore valido
web-missing-field = campo `{ $field }` mancante
web-unknown-field = campo `{ $field }` non previsto; i campi sono { $allowed }
web-unknown-field-none = campo `{ $field }` non previsto: qui non si inviano campi
web-one-of = «{ $value }» non è tra i valori ammessi: { $allowed }
web-number = deve essere un numero
web-boolean = deve essere true o false
web-text = deve essere un testo
web-list = deve essere un elenco
web-object = deve essere un oggetto con i suoi campi
web-date = deve essere una data valida (AAAA-MM-GG)
web-uuid = deve essere un identificativo UUID
web-query-encoding = I parametri dell'indirizzo non sono codificati correttamente (URL encoding).
web-if-match = un solo entity tag, come lo indica l'ETag del record, ad esempio "3", oppure *
web-send-json = Invia il corpo della richiesta come application/json.
web-body-too-large = Corpo della richiesta oltre { $kib } KiB.
web-not-json = non è un JSON valido (riga { $line }, colonna { $column })
web-send-csv = Invia il file come text/csv.
web-file-over = Il file supera { $limit }.

## Moduli, accessi e limiti (crates/web/src/auth, access.rs, rate_limit.rs, routes)
web-form-refused = Il modulo è stato rifiutato: ricarica la pagina e riprova.
web-form-too-large = Il modulo è troppo grande.
web-csrf-header = L'intestazione X-CSRF-Token manca o è errata (vedi GET /api/v1/me).
web-role-forbids = Il tuo ruolo non consente questa azione.
web-rate-limit = Più di { $limit } richieste in un minuto: riprova più tardi.
web-method-not-allowed = { $method } non è consentito su { $path }.
web-database-down = Il database non risponde.
web-federated-off = L'accesso con SPID/CIE non è configurato.

## La riga di comando (crates/cli): una riga sullo standard error
cli-option-rule = --{ $option }: { $rule }
cli-password-rule = la password sullo standard input { $rule }
cli-organisation-kind = l'organizzazione `{ $organisation }` esiste con il tipo { $kind }, non { $asked }
cli-exists = { $what } esiste già
cli-password-unreadable = impossibile leggere la password dallo standard input: { $error }
cli-cannot-read = impossibile leggere { $path }: { $error }
cli-cannot-write = impossibile scrivere { $path }: { $error }
cli-cannot-remove = impossibile rimuovere { $path }: { $error }
cli-report-unwritable = impossibile scrivere il rapporto: { $error }
cli-rows-rejected = { $count ->
    [one] { $count } riga rifiutata
   *[other] { $count } righe rifiutate
}
cli-audit-broken = catena di audit interrotta alla voce { $seq }: { $reason } ({ $verified } voci verificate prima)
cli-identity = configurazione dell'identità { $path }: { $why }
cli-redirect-uri = redirect_uri: { $error }
cli-redirect-path = redirect_uri deve terminare con { $path }, la rotta di ritorno di cloudpa
cli-config-unreadable = impossibile leggere il file di configurazione { $path }: { $error }
cli-config-invalid = file di configurazione { $path }: { $error }
cli-files-url = --files-url: { $error }
cli-files-url-scheme = --files-url `{ $url }`: è supportato solo s3://BUCKET (senza, i file vanno in DATA_DIR/files)
cli-file-store-down = impossibile raggiungere l'archivio dei file: { $error }
cli-data-dir = la directory dei dati { $path } non è scrivibile: { $error }
cli-demo-listings = servizi dimostrativi: { $error }
cli-demo-programme = programma dimostrativo: { $error }
cli-demo-attestation = asseverazione dimostrativa: { $error }
cli-runtime = impossibile avviare il runtime asincrono: { $error }
cli-trusted-proxy = --trusted-proxy: { $error }
cli-not-an-address = --{ $option } `{ $text }` non è un indirizzo come { $example }
cli-cannot-listen = impossibile mettersi in ascolto su { $addr }: { $error }
cli-cannot-listen-metrics = impossibile mettersi in ascolto su { $addr } per le metriche: { $error }
cli-server-error = errore del server: { $error }
cli-backup-exists = { $path } esiste già: scegli un nuovo file per il backup
cli-database-url = URL del database non supportato: usa sqlite://PERCORSO o postgres://…
cli-backup-engine = il backup è di un database { $backup } e non può essere ripristinato in { $engine }
cli-backup-damaged = backup rifiutato: il file del database è danneggiato ({ $problem })
cli-backup-chain-broken = backup rifiutato: la sua catena di audit è interrotta alla voce { $seq }: { $reason }
cli-backup-chain-differs = backup rifiutato: la sua catena di audit termina alla voce { $entries } (testa { $head }), il suo manifest alla voce { $manifest_entries } (testa { $manifest_head })
cli-backup-mismatch = backup { $path } rifiutato: non è il file descritto dal suo manifest ({ $bytes } byte, sha256 { $sha256 }; il manifest indica { $manifest_bytes } byte, sha256 { $manifest_sha256 })
cli-backup-unmovable = impossibile spostare il backup in { $path }: { $error }
cli-backup-uncopiable = impossibile copiare il backup in { $path }: { $error }
cli-manifest-unwritable = impossibile scrivere il manifest { $path }: { $error }
cli-manifest-unreadable = impossibile leggere il manifest del backup { $path }: { $error } (è scritto accanto al backup e ne riporta il checksum)
cli-manifest-invalid = il manifest { $path } non è un manifest di backup di cloudpa: { $error }
cli-manifest-format = il manifest { $path } ha il formato `{ $format }`; questa versione di cloudpa legge `{ $read }`
cli-copy-damaged = la copia è danneggiata ({ $problem }): nessun backup scritto
cli-copy-chain-broken = la catena di audit del database è interrotta alla voce { $seq }: { $reason }; nessun backup scritto (copia il file a mano per conservarlo ed esaminarlo)
cli-restore-exists = { $path } esiste già: ripristina in un nuovo file, oppure usa --replace (con il server fermo)
cli-restore-not-empty = il database PostgreSQL di destinazione non è vuoto: ripristina in un nuovo database (createdb)
cli-restore-sqlite-file = il ripristino richiede un file SQLite, non `{ $url }`
cli-not-sqlite = non è un URL SQLite: { $url }
cli-restored-unmovable = impossibile spostare il database ripristinato in { $path }: { $error }
cli-restored-unusable = { $reason }; il database è stato ripristinato ma non deve essere usato: eliminalo
cli-tool-unfinished = { $tool } non è terminato: { $error }
cli-tool-missing = impossibile eseguire { $tool } (installa postgresql-client): { $error }
cli-tool-failed = { $tool } non è riuscito: { $error }
