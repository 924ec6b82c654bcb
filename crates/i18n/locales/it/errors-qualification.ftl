# The refusals of the qualification part, by code, with their arguments.

error-refused = Rifiutato.
error-last-changed = { $refusal } È stata modificata l'ultima volta da { $changed_by }, alla versione { $version }.

## Rules of a field, shared by forms, the API and catalogue files.

qual-required = è obbligatorio
qual-not-empty = non può essere vuoto
qual-too-long = deve avere al massimo { $max } caratteri
qual-date = deve essere una data
qual-date-iso = deve essere una data AAAA-MM-GG
qual-rfc3339 = deve essere un istante RFC 3339
qual-location = deve essere IT, EU o extra-EU
qual-infrastructure-level = deve essere uno dei livelli AI1, AI2, AI3, AI4, oppure vuoto se non dichiarato
qual-kind = deve essere IaaS, PaaS o SaaS
qual-level = deve essere QC1, QC2, QC3 o QC4
qual-format = deve essere json o csv
qual-outcome = deve essere qualified o rejected
qual-verdict = deve essere met, not_met o unclear
qual-not-a-state = non è uno stato

## The VAT number (partita IVA).

qual-vat-length = deve essere di 11 cifre
qual-vat-check-digit = la cifra di controllo dovrebbe essere { $expected }
qual-vat-office = il codice dell'ufficio (cifre 8–10) deve essere compreso tra 001 e 100, oppure essere 120, 121, 888 o 999

## Access.

qual-forbidden-role = La tua organizzazione o il tuo ruolo non consentono questa operazione.
qual-other-organisation = Questo dato appartiene a un'altra organizzazione.
qual-other-provider = Questo servizio appartiene a un altro fornitore.
qual-provider-answers = Solo il fornitore risponde alla propria domanda.

## Records not found.

qual-no-listing = Nessun servizio { $id }.
qual-no-public-listing = Nessun servizio pubblico { $id }.
qual-no-application = Nessuna domanda { $id }.
qual-no-decision = Nessuna decisione { $id }.
qual-no-set = Nessun insieme di requisiti { $id }.
qual-no-file = Nessun file { $id }.
qual-no-action = Nessuna azione { $action }.
qual-no-certificate = Solo le decisioni di qualificazione hanno un certificato.

## Uploads.

qual-multipart = deve essere inviato come multipart/form-data
qual-bad-multipart = non è un multipart valido
qual-not-form-part = non fa parte di questo modulo (solo `file`)
qual-given-twice = è indicato più di una volta
qual-cross-site = Modulo inviato da un altro sito: rifiutato.
qual-form-expired = Il modulo è scaduto: ricarica la pagina e riprova.
qual-file-too-large = I file non possono superare { $mib } MiB.
qual-file-type = Sono accettati solo file PDF, PNG e JPEG (verificati sul contenuto).
qual-file-type-rule = deve essere un file PDF, PNG o JPEG
qual-file-malware = Il file è stato rifiutato dall'antivirus ({ $signature }).
qual-file-malware-rule = contiene malware
qual-scanner-down = L'antivirus non risponde; riprova più tardi.

## Listings and their terms.

qual-sli-object = deve essere un oggetto di codici di indicatore e obiettivi
qual-sli-unknown = `{ $code }` non è un indicatore della tabella SLI dell'AgID
qual-terms-saas-runs-on = runs_on: un SaaS deve indicare l'infrastruttura o lo IaaS su cui è erogato
qual-runs-on = deve indicare una delle tue infrastrutture o dei tuoi IaaS, oppure uno IaaS qualificato
qual-listing-busy = Per questo servizio è in corso una domanda: completala o ritirala prima.
qual-not-in-force = Il servizio non è né qualificato né sospeso.
qual-history-before-current = un nuovo stato non può decorrere dal { $on }, prima dell'inizio di quello in corso ({ $current })
qual-history-ended = il servizio è { $status ->
        [Qualified] qualificato
        [Suspended] sospeso
        [Expired] scaduto
       *[Revoked] revocato
    }: nessuno stato può seguire

## Applications, their answers and the triage.

qual-application-open = Per questo servizio è già in corso una domanda.
qual-revoked-listing = Un servizio revocato non può essere qualificato di nuovo: registra un nuovo servizio.
qual-set-unknown = `{ $set }` non è un insieme di requisiti noto
qual-set-kind = `{ $set }` non si applica a { $kind }
qual-not-editable = Una domanda { $state } non può essere modificata.
qual-not-in-review = Una domanda { $state } non è in istruttoria.
qual-changed-meanwhile = La domanda è stata modificata nel frattempo; ricarica la pagina e riprova.
qual-requirement-not-in-set = Il requisito `{ $requirement }` non fa parte di { $set }.
qual-requirement-not-in-application = Il requisito `{ $requirement }` non fa parte di questa domanda.
qual-answer-wrong-type = il requisito `{ $requirement }` richiede una risposta di tipo { $expected }, non { $given }
qual-answer-blank = requisito `{ $requirement }`: la risposta è vuota
qual-document-not-owned = il documento deve essere un file caricato da te
qual-triage-failed = La verifica automatica ha trovato problemi da correggere prima della presentazione.
qual-triage-unanswered = requisito obbligatorio senza risposta
qual-triage-declared-no = requisito obbligatorio dichiarato non soddisfatto
qual-triage-expired = certificato scaduto il { $date }

## The lifecycle: what may happen to an application, and who may do it.

qual-transition-not-allowed = una domanda { $from } non può essere { $event }
qual-transition-wrong-actor = una domanda può essere { $event } solo { $expected ->
        [provider] dal fornitore
        [agency] dall'agenzia
       *[system] dalla piattaforma
    }
qual-transition-motivation = una decisione richiede una motivazione scritta
qual-transition-date = la data ({ $date }) deve essere successiva al { $as_of }

# The states of an application, inside a sentence (in English, their codes).
qual-state-draft = in bozza
qual-state-submitted = presentata
qual-state-in-review = in istruttoria
qual-state-integration-requested = in attesa di integrazioni
qual-state-resubmitted = ripresentata
qual-state-qualified = qualificata
qual-state-rejected = respinta
qual-state-suspended = sospesa
qual-state-revoked = revocata
qual-state-expired = scaduta
qual-state-withdrawn = ritirata
qual-state-superseded = sostituita

# What happens to an application, as the participle of a sentence.
qual-event-submit = presentata
qual-event-start-review = presa in istruttoria
qual-event-request-integration = rinviata per integrazioni
qual-event-resubmit = ripresentata
qual-event-qualify = qualificata
qual-event-reject = respinta
qual-event-suspend = sospesa
qual-event-reinstate = riattivata
qual-event-revoke = revocata
qual-event-expire = dichiarata scaduta
qual-event-withdraw = ritirata
qual-event-supersede = sostituita

## Catalogue files and searches.

qual-record-step = `{ $part }` non è nella forma stato:AAAA-MM-GG
qual-record-status = `{ $status }` non è qualified, suspended, revoked o expired
qual-record-date = `{ $date }` non è una data AAAA-MM-GG
qual-record-first = deve iniziare con una qualificazione
qual-record-after-import = il { $date } è successivo alla data dell'importazione ({ $as_of })
qual-one-of = deve essere uno tra { $allowed }
qual-search-parameter = non è un parametro di ricerca
qual-number-from = deve essere un numero intero a partire da { $min }
qual-number-between = deve essere un numero intero da { $min } a { $max }
mon-rule-standard = deve essere una delle norme { $allowed }
mon-date-missing = deve essere una data (AAAA-MM-GG)
mon-rule-valid-until = deve essere successiva all'inizio della validità ({ $valid_from })
mon-change-too-old = non può precedere di oltre un anno la comunicazione ({ $notified_on }): una modifica così vecchia si accerta con una verifica
mon-change-triaged = la modifica è già stata valutata
mon-check-closed = la verifica è già chiusa
mon-check-compliant-suspension = un servizio trovato conforme non si sospende
mon-no-change = modifica comunicata
mon-no-check = verifica
mon-alert-other-listing = la segnalazione non riguarda questo servizio
mon-suspension-reason = Esito della verifica «{ $subject }»
mon-triage-substantive = sostanziale, il servizio va rivalutato
mon-triage-not_substantive = non sostanziale
mon-rule-change-kind = deve essere uno tra infrastructure, location, subcontractor, security_measures, certification, other
mon-rule-triage = deve essere substantive oppure not_substantive
mon-rule-check-kind = deve essere documentary oppure on_site
mon-rule-check-outcome = deve essere compliant oppure not_compliant
qual-set-track = l'insieme «{ $set }» è dell'adeguamento degli operatori pubblici (art. 15 c. 1), non della qualificazione di un fornitore privato
qual-set-track-public = l'insieme «{ $set }» è della qualificazione dei fornitori privati: i servizi di un'amministrazione seguono l'adeguamento (art. 15 c. 1, insieme acn-2024-ac)
qual-level-ac = deve essere uno dei livelli dell'adeguamento AC1, AC2, AC3, AC4
qual-operator-nature = deve essere uno tra private, public_subject, in_house, publicly_controlled_by_law
