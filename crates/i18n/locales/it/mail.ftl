# Le e-mail della piattaforma, nella lingua di chi le riceve.

mail-signature = cloudpa, piattaforma del Cloud della PA
mail-unknown-state = sconosciuto
mail-qual-subject = [cloudpa] { $service }: domanda { $from } → { $to }
mail-qual-news = La domanda di qualificazione del servizio «{ $service }» è passata da «{ $from }» a «{ $to }» il { $on }.
mail-qual-application = Domanda:
mail-qual-public-page = Scheda pubblica:
mail-qual-state-draft = bozza
mail-qual-state-submitted = presentata
mail-qual-state-in_review = in istruttoria
mail-qual-state-integration_requested = integrazione richiesta
mail-qual-state-resubmitted = ripresentata
mail-qual-state-qualified = qualificata
mail-qual-state-rejected = respinta
mail-qual-state-suspended = sospesa
mail-qual-state-revoked = revocata
mail-qual-state-expired = scaduta
mail-qual-state-withdrawn = ritirata
mail-qual-state-superseded = sostituita
mail-prog-application = Candidatura:
mail-prog-when =
    { $days ->
        [1] domani
       *[other] tra { $days } giorni
    }
mail-prog-reminder-subject = [cloudpa] Scadenza { $when }: { $what }
mail-prog-reminder-news = Il progetto finanziato dall'avviso «{ $call }» ha una scadenza il { $due }: { $what }. Se è già stata rispettata, registratela sulla candidatura.
mail-prog-deadline-cup = inserimento del CUP
mail-prog-deadline-contract = stipula del contratto con il fornitore
mail-prog-deadline-completion = completamento della migrazione
mail-prog-state-subject = [cloudpa] Candidatura { $state }: { $call }
mail-prog-state-news = La candidatura all'avviso «{ $call }» è passata da «{ $from }» a «{ $to }» il { $on }.
mail-prog-state-cup = Il CUP va inserito entro il { $due }.
mail-prog-state-motivation = Motivazione: { $motivation }
mail-prog-state-draft = bozza
mail-prog-state-submitted = presentata
mail-prog-state-not_admitted = non ammessa
mail-prog-state-financed = finanziata
mail-prog-state-contracted = con contratto attivato
mail-prog-state-completed = completata
mail-prog-state-attested = asseverata
mail-prog-state-paid = erogata
mail-prog-state-withdrawn = rinunciata
mail-prog-state-revoked = revocata
mail-mon-subject = Monitoraggio di un servizio qualificato
mail-mon-page = Pagina del monitoraggio:
mail-mon-reminder = Il certificato { $standard } del servizio «{ $service }» scade il { $until }. Registrate il certificato rinnovato prima di quel giorno: un requisito del livello non più soddisfatto apre una segnalazione all'Agenzia.
mail-mon-alert = Il servizio «{ $service }» ({ $level }) non soddisfa più dal { $on } il requisito { $reference }: { $requirement }. Nessun certificato valido lo copre.
mail-mon-change = Il fornitore del servizio «{ $service }» ha comunicato una modifica da valutare: { $summary }
mail-mon-triaged = L'Agenzia ha valutato la modifica comunicata per il servizio «{ $service }» ({ $summary }): { $triage }.
mail-mon-check-opened = L'Agenzia ha avviato una verifica del servizio «{ $service }»: { $subject }. La risposta è attesa entro il { $respond_by }.
mail-mon-check-closed = La verifica del servizio «{ $service }» ({ $subject }) si è chiusa con esito: { $outcome }.
