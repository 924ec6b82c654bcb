# The refusals of the attestation part, by code, with their arguments.


## Risposte del form di conformità (crates/domain/src/attestation/form.rs, crates/web/src/api/attestation/forms.rs)
att-answer-unknown-item = non è una voce di questo form
att-answer-required = obbligatorio
att-answer-date = deve essere una data AAAA-MM-GG
att-answer-integer = deve essere un numero intero, zero o più
att-answer-declaration = la dichiarazione va resa per inviare il form
att-answer-boolean = deve essere sì o no (true/false)
# $options: le opzioni della voce, separate da virgole.
att-answer-choice = deve essere uno tra: { $options }
att-answer-url = deve essere un indirizzo https
att-answer-list = deve essere un elenco
att-answer-document = deve essere un file caricato (il suo id)
att-answer-rows = deve essere un elenco di righe
att-answer-text = deve essere un testo
# $row: la prima riga errata, da 1; $columns: le colonne della voce, separate da virgole.
att-answer-table-row = riga { $row }: servono tutte e sole le colonne { $columns }, compilate
att-answer-shape = deve essere un testo, un numero, true/false, un elenco o delle righe
att-url-malformed = deve essere un indirizzo https ben formato (https://host/…)
att-no-form-for = Nessun form per `{ $destination }`: iaas, paas o saas.

## Controlli preliminari (crates/domain/src/attestation/prechecks.rs, prechecks/network.rs)
att-check-contract-missing = indicare il contratto del servizio
att-check-listing-missing = indicare il servizio qualificato del catalogo su cui è migrato
att-check-contract-too-early = firmato il { $signed }, prima dell'inizio delle attività ammissibili ({ $from })
att-check-contract-too-late = firmato il { $signed }, dopo il completamento o nel futuro ({ $last })
att-check-dnsh-missing = manca la dichiarazione DNSH del contratto
att-check-report-period-missing = indicare il periodo coperto dal report
att-check-report-too-short = il report copre { $days } { $days ->
        [one] giorno
       *[other] giorni
    }: ne servono almeno { $minimum }
att-check-report-before-contract = il periodo inizia prima del contratto ({ $signed })
att-check-report-in-future = il periodo finisce nel futuro
att-check-report-names-ente = il report deve nominare l'ente: «{ $name }» o il codice IPA { $ipa }
att-check-identifiers-missing = indicare almeno un identificativo
att-check-identifiers-repeated = ripetuti: { $list }
att-check-identifiers-shared = già dichiarati per un altro servizio del progetto: { $list }
att-check-origin-not-decommissioned = dichiarare la dismissione dell'ambiente di origine
att-check-decommissioned-date-missing = indicare la data di dismissione
att-check-decommissioned-in-future = la data di dismissione è nel futuro
att-check-funded-twice = lo stesso servizio dell'ente è già in un altro progetto finanziato
# $reason: perché l'indirizzo non è pubblico (uno dei testi att-address-…).
att-check-address-not-public = { $entry }: { $reason }
att-check-address-invalid = { $entry }: non è un indirizzo IP
att-check-ranges-missing = il fornitore non ha dichiarato gli intervalli di indirizzi dell'infrastruttura
att-check-address-outside-ranges = { $entry }: fuori dagli intervalli dichiarati dal fornitore del servizio qualificato
att-check-access-not-public = non compaiono tra gli indirizzi pubblici del servizio: { $list }

## Indirizzi e intervalli (crates/domain/src/attestation/addresses.rs, crates/workflows/src/attestation/prefixes.rs)
att-address-unspecified = indirizzo non specificato (0.0.0.0 o ::)
att-address-this-network = indirizzo di «questa rete» (0.0.0.0/8)
att-address-private = indirizzo privato (RFC 1918)
att-address-shared-cgnat = indirizzo condiviso CGNAT (RFC 6598)
att-address-loopback = indirizzo di loopback, che indica la macchina stessa
att-address-link-local = indirizzo link-local, valido solo sulla rete locale
att-address-documentation = indirizzo riservato agli esempi nella documentazione
att-address-benchmarking = indirizzo riservato ai test di prestazione (RFC 2544)
att-address-multicast = indirizzo multicast, non di un singolo servizio
att-address-broadcast = indirizzo di broadcast
att-address-reserved = indirizzo riservato, non assegnabile a un servizio
att-address-unique-local = indirizzo IPv6 locale univoco (RFC 4193)
att-address-translation = indirizzo di transizione IPv4/IPv6 (6to4 o NAT64 locale)
att-prefix-no-slash = `{ $text }` non è un prefisso: scrivere l'indirizzo di rete, una barra e la lunghezza, ad esempio 203.0.113.0/24
# $reason: perché l'indirizzo non è valido (uno dei testi att-ip-…).
att-prefix-address = `{ $text }`: { $reason }
att-prefix-length = `{ $text }`: la lunghezza deve essere un numero intero da 0 a { $max }
att-prefix-host-bits = `{ $text }` ha bit di host impostati: la rete è { $network }
att-ip-empty = nessun indirizzo indicato
att-ip-zone = `{ $text }`: un indice di zona (dopo %) indica un'interfaccia di una singola macchina, non un indirizzo pubblico
att-ip-leading-zeros = `{ $text }`: una parte di un indirizzo IPv4 con zeri iniziali è ambigua (ottale o decimale?)
att-ip-invalid = `{ $text }` non è un indirizzo IP
att-range-not-public = non è un intervallo pubblico: { $reason }
att-infrastructure-not-found = Nessuna infrastruttura { $id } della vostra organizzazione.

## Destinazioni (crates/domain/src/attestation/destinations.rs)
att-exclusion-wrong-type = il servizio di destinazione è { $kind }, la migrazione ne richiede uno { $needed }
att-exclusion-level-too-low = il livello { $level } non ammette dati { $class } (serve almeno { $minimum })
# $status: lo stato del servizio a quella data (uno dei testi att-listing-…).
att-exclusion-not-qualified-on-contract = alla data del contratto ({ $on }) il servizio era { $status }
att-exclusion-not-qualified-today = oggi il servizio è { $status }
att-listing-absent = non presente nel catalogo
att-listing-qualified = qualificato
att-listing-suspended = sospeso
att-listing-revoked = revocato
att-listing-expired = scaduto

## Contratti e fornitori (crates/domain/src/attestation/contracts.rs, suppliers.rs, crates/workflows/src/attestation/contracts.rs)
att-contract-closed = i contratti si registrano dal decreto di finanziamento al completamento; il progetto è { $state }
att-contract-before-eligible = deve essere uguale o successiva al { $from }, inizio delle attività ammissibili
att-contract-in-future = non deve essere nel futuro
att-contract-recognition-missing = un contratto firmato prima del decreto richiede un atto ricognitivo
att-contract-ente-only = Solo l'ente registra i propri contratti.
att-contract-document-required = obbligatorio: caricare il contratto firmato
att-not-a-supplier = non è un fornitore dell'elenco
att-supplier-mepa = deve essere sì o no (si/no, true/false, 1/0)
att-not-empty = non deve essere vuoto
att-amount-positive = deve essere maggiore di 0
att-euros = deve essere un importo in euro, ad esempio 1.234,56
att-date = deve essere una data
att-time = deve essere un orario HH:MM
att-file-foreign = non è un file caricato dall'ente (o dal suo aggregatore)
att-multipart-expected = deve essere inviato come multipart/form-data
att-multipart-broken = non è un multipart valido
att-form-expired = Il modulo è scaduto: ricaricare la pagina e riprovare.

## Form di conformità (crates/workflows/src/attestation/forms.rs, destinations.rs)
att-form-not-editable = I form di un progetto si compilano dall'attivazione del contratto al completamento, e un form inviato non è modificabile mentre l'asseveratore lo verifica; questo progetto è { $state }.
att-form-not-migrated = Segnare il servizio come migrato prima di inviarne il form.
att-form-unpinned = indicare il contratto e il servizio qualificato prima dell'invio
att-no-service-at = La candidatura { $id } non ha un servizio in posizione { $position }.
att-not-a-contract = non è un contratto di questo progetto
att-not-a-listing = non è un servizio del catalogo pubblico

## Verifica (crates/domain/src/attestation/verification.rs, live.rs, crates/workflows/src/attestation/verification.rs, live.rs, requests.rs)
att-outcome-forms-missing = { $count ->
        [one] { $count } servizio non ha un form di conformità inviato
       *[other] { $count } servizi non hanno un form di conformità inviato
    }
att-outcome-verdicts-missing = { $count ->
        [one] { $count } voce non ha ancora un esito
       *[other] { $count } voci non hanno ancora un esito
    }
att-outcome-documents-requested = { $count ->
        [one] { $count } voce attende documenti richiesti all'ente
       *[other] { $count } voci attendono documenti richiesti all'ente
    }
att-outcome-failures-in-positive = un esito positivo richiede che tutte le voci siano superate; { $count ->
        [one] { $count } non è superata
       *[other] { $count } non sono superate
    }
att-outcome-nothing-failed = un esito parzialmente positivo o negativo richiede almeno una voce non superata
att-outcome-motivation-missing = un esito parzialmente positivo o negativo richiede una motivazione
att-outcome-code = deve essere positive, partially_positive o negative
att-project-not-found = Nessun progetto { $id }.
att-assign-not-financed = Solo un progetto finanziato è verificato da un asseveratore.
att-not-an-attestor = non è un'organizzazione di asseverazione
att-not-completed = Un progetto si verifica una volta completato; questo è { $state }.
att-not-a-checklist-item = non è una voce della lista di verifica della posizione { $position }
att-verdict-code = deve essere pass, fail o request_documents
att-verdict-note-missing = una voce non superata o una richiesta di documenti richiede una nota
att-request-text-missing = deve indicare quali documenti servono
att-after-today = deve essere successiva a oggi
att-request-position = deve essere 0 (il progetto) o un servizio da 1 a { $services }
att-position = deve essere 0 (il progetto) o un servizio
att-report-no-outcome = Il progetto non ha ancora un esito di asseverazione.
att-request-ente-only = Solo l'ente risponde al proprio asseveratore.
att-request-not-found = Nessuna richiesta { $id } su questo progetto.
att-request-answer-empty = indicare un testo o almeno un file
att-live-not-saas = una verifica dal vivo riguarda un servizio migrato su un SaaS; questo approda su { $destination }
att-live-in-the-past = l'appuntamento deve essere nel futuro
att-live-already-open = il servizio ha già una verifica dal vivo in programma; registrarne prima l'esito
att-live-not-yet = l'esito si registra una volta iniziato l'appuntamento
att-live-recorded = l'esito di questa verifica è già registrato
att-live-position = deve essere un servizio da 1 a { $count }
att-live-details-missing = indicare il link della videochiamata o l'indirizzo del sopralluogo
att-live-not-found = Nessuna verifica dal vivo { $id } su questo progetto.
att-live-mode-code = deve essere videocall o on_site
att-live-outcome-code = deve essere confirmed, not_confirmed o not_held

## Controlli a campione (crates/workflows/src/attestation/samples.rs, crates/web/src/pages/attestation/desk/controls.rs)
att-percent-range = deve essere da 1 a 100
att-control-ente-only = Solo l'ente risponde al proprio controllo.
att-control-not-drawn = Questo progetto non è stato estratto per un controllo.
att-not-a-financed-state = non è uno stato di un progetto finanziato

## Domanda di erogazione (crates/domain/src/attestation/payment.rs, crates/workflows/src/attestation/payment.rs)
att-payment-cre-missing = Manca il CRE.
att-payment-request-missing = Manca la domanda di erogazione.
att-payment-cre-in-future = La data del CRE ({ $cre }) è futura.
att-payment-cre-before-completion = Il CRE ({ $cre }) precede il completamento del progetto ({ $completed }).
att-payment-amount-not-decreed = L'importo richiesto ({ $requested }) differisce da quello decretato ({ $decreed }).
att-payment-cup-missing = Il progetto non ha un CUP.
att-payment-not-attested = Il progetto non ha un'asseverazione positiva.
att-payment-ente-only = Solo l'ente invia la propria domanda di erogazione.
att-payment-needs-attestation = Una domanda di erogazione richiede un'asseverazione positiva; il progetto è { $state }.
att-payment-document-required = obbligatorio: caricare il documento firmato
att-payment-amount-positive = deve essere un importo positivo in centesimi di euro
att-payment-cre-date-required = obbligatoria: la data di firma del CRE
att-payment-not-sent = L'ente non ha ancora inviato la domanda di erogazione (CRE e domanda di erogazione).
att-payment-checks-failed = La domanda di erogazione non supera i controlli formali dell'ufficio del programma.
att-payment-paid-before-request = { $paid } è precedente alla domanda di erogazione ({ $submitted })

## Esecuzioni dei controlli e form nazionali (crates/workflows/src/attestation/runs.rs, national.rs, national/directory.rs)
att-not-a-call = non è un avviso: `{ $id }`
att-run-running = L'esecuzione dei controlli preliminari { $id } è ancora in corso.
att-run-not-found = Nessuna esecuzione dei controlli preliminari { $id }.
att-national-not-empty = I form nazionali richiedono una base dati senza contratti né form.
att-national-nothing-contracted = Nessun progetto è contrattualizzato o oltre: generare prima il quadro nazionale.
# $what: ciò che il generatore dei form nazionali non è riuscito a fare, in inglese.
att-national-generator = form nazionali: { $what }

## La demo (crates/workflows/src/attestation/demo)
att-demo-no-saas = nessun SaaS qualificato del catalogo ammette la classe di dati della demo
att-demo-form-unpinned = un form della demo è inviato senza contratto e servizio qualificato o prima della migrazione del servizio
att-demo-form-state = il progetto della demo non accetta form nel suo stato
att-demo-assign = si assegna solo un progetto finanziato, e solo a un asseveratore
att-demo-not-completed = un progetto si verifica una volta completato
