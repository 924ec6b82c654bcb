# Texts of the register of organisations and of onboarding a new one
# (the agency's providers, the programme office's enti and attestors).

orgs-title = Organizzazioni registrate
orgs-created = Organizzazione registrata; il suo primo amministratore può accedere con SPID o CIE:
orgs-onboard = Registra un'organizzazione
orgs-kind = Tipo di organizzazione
orgs-kind-all = Tutti i tipi
orgs-filter = Filtra
orgs-total = Organizzazioni:
orgs-name = Denominazione
orgs-ipa = Codice IPA
orgs-ipa-none = nessun codice IPA
orgs-pages = Pagine dell'elenco delle organizzazioni
orgs-new-title = Registra un'organizzazione
orgs-new-intro = L'organizzazione e il suo primo amministratore sono registrati insieme. L'amministratore accede con SPID o CIE tramite il codice fiscale e aggiunge poi gli altri membri.
orgs-new-form = Organizzazione e primo amministratore
orgs-lookup-title = Cerca per codice IPA
orgs-lookup-help = La ricerca usa i dati ufficiali presenti sulla piattaforma: l'elenco dei Comuni e gli enti dei dati aperti delle candidature finanziate.
orgs-lookup-submit = Cerca il codice
orgs-lookup-not-found = Il codice { $code } non è presente nei dati di cui la piattaforma dispone: indica la denominazione dell'ente.
orgs-lookup-ended = Questo Comune è cessato il { $on }: il suo territorio è oggi del Comune di { $successor } (codice IPA { $successor_ipa }).
orgs-lookup-ended-unknown = Questo Comune è cessato il { $on }; le fonti non indicano il Comune che ne ha il territorio.
orgs-lookup-registered = Questo codice è già registrato per l'organizzazione { $organisation }.
orgs-entry-kind = Tipo di ente
orgs-province = Provincia
orgs-region = Regione
orgs-source = Fonte
orgs-source-municipalities = Elenco dei Comuni (ISTAT, Dati PNRR PADigitale2026)
orgs-source-open-data = Dati aperti delle candidature finanziate (PA digitale 2026)
orgs-ipa-help = Facoltativo; obbligatorio per gli enti che ne hanno uno.
orgs-admin-name = Nome e cognome del primo amministratore
orgs-admin-email = E-mail del primo amministratore
orgs-admin-fiscal-code = Codice fiscale del primo amministratore
orgs-admin-fiscal-code-help = Con questo codice fiscale l'amministratore accede con SPID o CIE; non ha una password.
orgs-submit = Registra l'organizzazione
orgs-name-empty = non deve essere vuota
orgs-name-too-long = deve avere al massimo { $max } caratteri
orgs-ipa-invalid = deve avere al massimo { $max } caratteri tra lettere, cifre e trattino basso, come c_a050
orgs-ipa-taken = è già il codice dell'organizzazione { $organisation }
orgs-email-taken = è già l'indirizzo di un altro utente
orgs-kind-forbidden = { $kind ->
    [provider] i fornitori sono registrati dagli amministratori dell'Agenzia per la cybersicurezza nazionale
    [public_body] gli enti sono registrati dagli amministratori dell'ufficio del programma
    [attestor] gli asseveratori sono registrati dagli amministratori dell'ufficio del programma
   *[other] questo tipo di organizzazione non si registra da queste pagine
}
