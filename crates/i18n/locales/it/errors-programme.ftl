# The refusals of the programme part, by code, with their arguments.

prog-cup-length = il CUP deve avere 15 caratteri; ne ha { $found }
prog-cup-character = il carattere { $position } del CUP (`{ $found }`) non è una lettera A–Z né una cifra
prog-cup-shape = il carattere { $position } del CUP (`{ $found }`) deve essere { $expected }
prog-cup-letter = una lettera
prog-cup-year-digit = una cifra (dell'anno)
prog-name-rule = obbligatorio, al massimo { $max } caratteri, su una riga
prog-site-closed-host = la sede è dismessa: un servizio in uso non può esservi ospitato
prog-site-services-in-use = { $in_use ->
    [one] { $in_use } servizio ospitato qui è ancora in uso: migralo o dismettilo prima di chiudere la sede
   *[other] { $in_use } servizi ospitati qui sono ancora in uso: migrali o dismettili prima di chiudere la sede
}
prog-site-date-missing = il campo `decommissioned_on` è obbligatorio per chiudere una sede
prog-site-closed = una sede dismessa resta dismessa
prog-delegation-to-itself = campo `aggregator`: un ente non può delegare sé stesso
prog-delegation-not-public-body = campo `aggregator`: può essere delegato solo un soggetto pubblico (un'Unione di Comuni, una società in house)
prog-delegation-ends-before-start = campo `valid_until`: il { $until } è precedente a `valid_from` ({ $from })
prog-delegation-already-active = campo `aggregator`: una delega a questo aggregatore è già attiva
prog-profile-comune-without-ipa = campo `kind`: un Comune è identificato dal suo codice IPA, e questa organizzazione non ne ha uno
prog-profile-not-this-comune = campo `istat_code`: il codice IPA del comune è `{ $municipality }`, non `{ $organisation }` di questa organizzazione
prog-amount-empty = l'importo è vuoto
prog-amount-malformed = l'importo `{ $amount }` non è un numero decimale di euro (cifre, eventualmente `.` e al massimo 2 decimali)
prog-amount-sub-cent = l'importo `{ $amount }` ha più di 2 decimali diversi da zero
prog-amount-overflow = l'importo `{ $amount }` è troppo grande
prog-voucher-service-count = la classe { $class } (popolazione { $population }) ammette da { $min } a { $max } servizi; ne sono stati richiesti { $requested }
prog-voucher-overflow = l'importo non è rappresentabile in 64 bit
prog-call-field = campo `{ $field }`: { $rule }
prog-call-missing = il campo `{ $field }` è vuoto
prog-call-closes-before-opening = l'avviso chiude ({ $closes_on }) prima di aprire ({ $opens_on })
prog-call-title-rule = obbligatorio, al massimo 300 caratteri, con lettere o cifre
prog-call-title-letters = deve contenere lettere o cifre
prog-call-status-rule = deve essere APERTO o TERMINATO
prog-call-budget-negative = gli importi non possono essere negativi
prog-call-budget-over-measure = la dotazione di un avviso non può superare quella della sua misura
prog-call-targets-rule = almeno una tipologia di ente, nessuna con `;`
prog-transition-not-allowed = una candidatura { $from } non può { $event ->
    [submitted] essere presentata
    [financed] essere finanziata
    [refused] essere respinta
    [contracted] passare all'attivazione del contratto
    [completed] essere completata
    [attested] essere asseverata
    [paid] essere liquidata
    [withdrawn] essere ritirata
    [migrating_services] avere servizi migrati
   *[other] passare allo stato { $event }
}
prog-transition-wrong-side = solo { $expected ->
    [ente] l'ente
    [office] l'ufficio del programma
   *[attestor_or_office] l'asseveratore del progetto o l'ufficio del programma
} può { $event ->
    [submitted] presentare
    [financed] finanziare
    [refused] respingere
    [contracted] attivare il contratto di
    [completed] completare
    [attested] registrare l'asseverazione di
    [paid] liquidare
    [withdrawn] ritirare
   *[other] modificare
} una candidatura
prog-date-future = campo `{ $field }`: il { $date } è successivo a oggi ({ $as_of })
prog-date-too-early = campo `{ $field }`: il { $date } è precedente { $what ->
    [submission] alla presentazione
    [eligibility] all'inizio dell'ammissibilità
    [contract] all'attivazione del contratto
   *[completion] al completamento
} ({ $earlier })
prog-transition-motivation = campo `motivation`: un diniego richiede una motivazione scritta
prog-transition-cup-missing = il CUP deve essere indicato prima dell'attivazione del contratto
prog-transition-not-migrated = { $migrated } servizi su { $services } sono migrati: segna come migrato ogni servizio prima di procedere
prog-decree-amount = campo `amount_cents`: l'importo decretato deve essere maggiore di 0 e non superiore ai { $requested } richiesti
prog-state-draft = in bozza
prog-state-submitted = presentata
prog-state-not-admitted = non ammessa
prog-state-financed = finanziata
prog-state-contracted = con contratto attivato
prog-state-completed = completata
prog-state-attested = asseverata
prog-state-paid = liquidata
prog-state-withdrawn = ritirata
prog-state-revoked = revocata
prog-step-cup = Il CUP è indicato dall'ente una volta finanziata la candidatura; questa candidatura è { $state }.
prog-step-not-a-draft = Si elimina solo una bozza; una candidatura presentata si ritira.
prog-step-migrated-already = `{ $service }` è già migrato.
prog-frozen-not-editable = i servizi di una candidatura { $state } non possono cambiare: si modifica solo una bozza
prog-frozen = dopo il finanziamento i servizi sono bloccati: solo un servizio dichiarato A (IaaS) può passare a B (PaaS o SaaS) con una dichiarazione di migrazione migliorativa
prog-frozen-scenario = la migrazione migliorativa non è ammissibile: { $rule }
prog-window-empty = un avviso deve avere almeno una finestra
prog-window-closes-before-opening = la finestra { $number } chiude ({ $closes_on }) prima di aprire ({ $opens_on })
prog-window-overlap = la finestra { $number } apre il { $opens_on }, non dopo la chiusura della finestra { $previous } ({ $previous_closes_on })
prog-submission-not-open = la data di presentazione { $submitted_on } è fuori dalle finestre dell'avviso: la prossima finestra apre il { $opens_on }
prog-submission-closed = la data di presentazione { $submitted_on } è fuori dalle finestre dell'avviso: l'ultima finestra si è chiusa il { $closed_on }
prog-scenario-not-admissible = `{ $origin }` → `{ $destination }` non è uno scenario ammissibile: { $note }
prog-scenario-earlier-move-missing = `{ $origin }` → `{ $destination }` è ammissibile solo se il servizio è stato spostato in `{ $origin }` a partire dal { $start }: il campo `earlier_move` (la data di quello spostamento) è obbligatorio
prog-scenario-earlier-move-too-early = `{ $origin }` → `{ $destination }` è ammissibile solo se il servizio è stato spostato in `{ $origin }` a partire dal { $start }: il campo `earlier_move` è { $earlier_move }
prog-selection-count = la classe { $class } ammette da { $min } a { $max } servizi; ne sono stati selezionati { $count }
prog-selection-unnamed = il servizio n. { $position } non ha un nome
prog-selection-duplicate = il servizio `{ $service }` è selezionato più di una volta
prog-selection-unclassified = il servizio `{ $service }` non ha una classe di dati: classificalo (ordinari, critici, strategici) prima di selezionarlo
prog-selection-no-origin = il servizio `{ $service }` non ha un'origine
prog-selection-scenario = servizio `{ $service }`: { $rule }
prog-settings-class-range = le classi devono rispettare 1 ≤ da ≤ a ≤ { $classes }
prog-settings-months = deve essere da 1 a { $max } mesi
prog-settings-class-covered = la classe { $class } deve essere coperta da un solo intervallo
prog-settings-eligibility-start = deve essere uguale o precedente all'apertura della prima finestra
prog-list-empty = l'elenco non contiene servizi
prog-list-too-long = più di { $max } servizi
prog-list-code-rule = codice: obbligatorio, al massimo 20 caratteri
prog-list-column = { $column }: { $rule }
prog-list-name-rule = servizio: obbligatorio, al massimo 200 caratteri
prog-list-code-twice = il codice `{ $code }` compare due volte
prog-list-name-twice = il servizio `{ $name }` compare due volte
prog-list-header = l'intestazione deve essere `codice,servizio`
prog-list-csv = il file non si legge come CSV
prog-list-fields = la riga ha { $found } campi, l'intestazione { $expected }
prog-list-utf8 = il testo non è UTF-8
prog-row = { $column }: { $rule }
prog-row-required = è obbligatorio
prog-row-negative = { $amount } è negativo
prog-row-status = deve essere A (assegnato), R (rinuncia) o E (erogato)
prog-row-istat-required = è obbligatorio: senza di esso l'ente non può essere collocato
prog-import-repeated = avviso: l'ente `{ $ipa }` si candida a questo avviso anche alla riga { $first }
prog-import-made-here = avviso: l'ente `{ $ipa }` si è candidato a questo avviso su cloudpa, che ne conserva la registrazione
prog-import-ended = cod_comune: il comune `{ $code }` è cessato il { $on }, le fonti non indicano quale comune ne abbia assorbito il territorio e l'ente non è noto: non può essere collocato
prog-import-unknown = cod_comune: `{ $code }` non è il codice ISTAT di alcun comune dal 2011 e l'ente non è noto: non può essere collocato
prog-ente-kind = deve essere comune, scuola o altro_ente
prog-istat-unknown = non è il codice ISTAT di un comune
prog-istat-former = era il codice di { $name } prima del { $ended_on }
prog-istat-former-now = era il codice di { $name } prima del { $ended_on }; oggi il suo territorio è in { $today }
prog-profile-frozen = Il profilo non può cambiare dopo la presentazione di una candidatura.
prog-site-kind = deve essere server_room o data_centre
prog-no-site = Nessuna sede { $id }.
prog-site-status = deve essere active, decommissioning o decommissioned
prog-data-class = deve essere ordinari, critici o strategici
prog-origin = `{ $code }` non è una delle 7 origini dell'avviso (ad es. `On premise strutturato`)
prog-service-status = deve essere in_use, migrated o retired
prog-site-other-ente = non è una sede di questo ente
prog-no-service = Nessun servizio { $id }.
prog-aggregator-unknown = nessuna organizzazione su cloudpa ha questo codice IPA
prog-no-delegation = Nessuna delega { $id } di questo ente.
prog-delegation-revoked = Questa delega è già revocata.
prog-not-an-ente = Solo un ente, o un aggregatore da esso delegato, agisce per un ente.
prog-other-organisation = Questo dato appartiene a un'altra organizzazione.
prog-profile-missing = Imposta prima il profilo dell'ente: la tipologia e il comune in cui si trova (PUT …/profile).
prog-no-population = La popolazione di { $municipality } al censimento 2011 non è nei dati di riferimento (il comune è stato istituito dopo il censimento da parte di un altro), quindi la classe del voucher non può essere determinata.
prog-date-format = deve essere una data (AAAA-MM-GG)
prog-call-keeps-id = il suo identificativo diventerebbe `{ $id }`: un avviso mantiene il proprio identificativo
prog-no-call = Nessun avviso `{ $id }`.
prog-team-not-office = non è un utente dell'ufficio del programma
prog-one-of = deve essere uno tra: { $values }
prog-team-not-member = Non fai parte di una squadra territoriale.
prog-no-application = Nessuna candidatura { $id }.
prog-call-no-voucher = `{ $title }` non prevede un voucher forfettario: qui non è aperto alle candidature.
prog-call-for = `{ $title }` è rivolto a { $targets }
prog-call-closed = `{ $title }` è chiuso: la sua ultima finestra è terminata.
prog-choice-not-listed = non è un servizio dell'elenco dell'avviso
prog-choice-not-owned = non è un servizio dell'inventario di questo ente
prog-choice-destination = deve essere iaas (A), paas o saas (B)
prog-choice-twice = `{ $service }` è scelto due volte
prog-choice-owned-twice = questo servizio dell'ente è scelto due volte
prog-choice-count = il numero di servizi deve rientrare nell'intervallo della classe
prog-no-choice = Nessun servizio { $position } nella candidatura { $id }.
prog-improve-destination = deve essere paas o saas
prog-selection-refused = I servizi scelti violano le regole dell'avviso.
prog-attestor-records = L'esito dell'asseverazione è registrato dall'asseveratore del progetto.
prog-call-no-tariff = L'avviso `{ $id }` non ha una tariffa di voucher forfettario.
prog-quote-range = rehost + upgrade deve rientrare nell'intervallo della classe
prog-call-no-list = L'avviso `{ $id }` non ha un elenco di servizi.
prog-unknown-parameter = non è un parametro di questa risorsa
prog-group-by = deve essere region, province, class, status o state
prog-format = deve essere json o csv
prog-state-not-draft = deve essere uno stato diverso da draft
prog-page = deve essere 1 o più
prog-page-size = deve essere da 1 a { $max }
prog-whole-number = { $field }: deve essere un numero intero ≥ 0
prog-no-step = Nessun passo `{ $step }`.
prog-outcome = deve essere positive, partially_positive o negative
prog-no-decision = Nessuna decisione `{ $decision }`.
prog-name-length = deve avere al massimo { $max } caratteri
prog-no-target = il target PNRR
prog-queue-state = non è uno stato della coda
cls-not-classified = il servizio «{ $service }» non ha una classe: classificatelo nell'inventario prima di comunicare
cls-reasons = indicate perché il servizio «{ $service }» ha la sua classe
cls-reasons-text = al massimo { $max } caratteri, senza caratteri di controllo
cls-unknown-service = non è un servizio dell'inventario
cls-rule-edge-nodes = deve essere almeno 1 nodo di calcolo
cls-rule-version = la versione della comunicazione (un'altra è stata inviata nello stesso momento)
