# The texts of the data-quality page and the names of its rules, and of a
# project's steps.

quality-title = Qualità dei dati
quality-lead = I dati ufficiali importati sono conservati come pubblicati: un campo che non rispetta la sua regola non fa scartare il record, ma è segnalato qui con il valore pubblicato.
quality-download = Scarica tutte le segnalazioni (CSV)
quality-findings = segnalazioni
quality-none = Nessuna segnalazione: i dati importati rispettano ogni regola.
quality-by_rule = Segnalazioni per campo e regola
quality-list = Le segnalazioni, per file e riga
quality-pages = Pagine delle segnalazioni
quality-dataset = Dati
quality-field = Campo
quality-rule = Regola
quality-count = Segnalazioni
quality-where = File:riga
quality-record = Record
quality-value = Valore pubblicato
quality-note = Nota
quality-territory = Territorio: i Comuni sono quelli dell'elenco ISTAT con le variazioni dal 2011 (fusioni, cambi di provincia o regione, nuove denominazioni; fonti ANPR e ISTAT). Un record con il codice di un Comune che ha cambiato provincia o regione è contato dove il Comune si trova oggi.
dataset-candidature_finanziate = Candidature finanziate (PA digitale 2026)
dataset-catalogo_servizi = Catalogo dei servizi cloud qualificati (file dei servizi)
quality_rule-cup_shape = CUP non nella forma di un CUP
quality_rule-date_format = Data non nel formato AAAA-MM-GG
quality_rule-timestamp_format = Data e ora non leggibili
quality_rule-whole_number = Non è un numero intero
quality_rule-istat_leading_zeros = Codice ISTAT senza gli zeri iniziali
quality_rule-istat_moved = Codice ISTAT di prima di una variazione: contato nel Comune di oggi
quality_rule-istat_ended = Comune cessato senza successore indicato dalle fonti
quality_rule-istat_unknown = Codice ISTAT sconosciuto: resta il Comune già noto dell'ente
quality_rule-vat_check = Partita IVA con codice ufficio o cifra di controllo errati
quality_rule-service_level = Non è un livello di servizio degli indicatori AgID (codice SLI=obiettivo, una volta ciascuno): escluso
quality_rule-provider_name = Partita IVA di un fornitore noto con un altro nome: il servizio è di quel fornitore
application-steps = A che punto è il progetto
step-submitted = Candidatura inviata
step-financed = Finanziamento
step-cup = CUP comunicato
step-contract = Contratto attivato
step-completion = Migrazione completata
step-attestation = Asseverazione
step-payment = Erogazione
step-done_on = fatto il
step-done = fatto
step-next = il prossimo passo
step-by = entro il
step-later = dopo
step-stopped = non raggiunto: il progetto si è fermato prima
