//! Texts of signing in through SPID or CIE and of managing members.

pub(super) const TEXTS: &[(&str, &str, &str)] = &[
    ("federated.title", "Accesso con SPID o CIE", "Sign in with SPID or CIE"),
    ("federated.start", "Entra con SPID o CIE", "Sign in with SPID or CIE"),
    ("federated.or", "oppure con un account locale", "or with a local account"),
    (
        "federated.unavailable",
        "Il servizio di identità digitale non risponde in questo momento. Riprova tra qualche minuto.",
        "The digital identity service does not answer right now. Try again in a few minutes.",
    ),
    (
        "federated.expired",
        "Questo accesso non è più valido (è scaduto, è già stato usato o è stato avviato da un altro browser). Ricomincia dalla pagina di accesso.",
        "This sign-in is no longer valid (it expired, was already used or was started in another browser). Start again from the sign-in page.",
    ),
    (
        "federated.refused",
        "La risposta del gestore dell'identità non ha superato le verifiche di sicurezza, oppure il livello di sicurezza non basta. Nessun accesso è stato effettuato.",
        "The identity provider's answer failed the security checks, or its assurance level is not enough. You have not been signed in.",
    ),
    (
        "federated.no_membership",
        "La tua identità è stata verificata, ma non sei ancora membro di nessuna organizzazione su cloudpa. Chiedi all'amministratore della tua organizzazione di invitarti con il tuo codice fiscale.",
        "Your identity was verified, but you are not yet a member of any organisation on cloudpa. Ask your organisation's administrator to invite you with your fiscal code.",
    ),
    ("federated.fiscal_code", "Codice fiscale", "Fiscal code"),
    ("federated.back", "Torna alla pagina di accesso", "Back to the sign-in page"),
    ("federated.choose", "Scegli l'organizzazione", "Choose the organisation"),
    (
        "federated.choose_help",
        "Sei membro di più organizzazioni: scegli per quale lavorare in questa sessione.",
        "You are a member of several organisations: choose which one to work for in this session.",
    ),
    ("users.fiscal_code", "Codice fiscale (accesso con SPID o CIE)", "Fiscal code (sign-in with SPID or CIE)"),
    (
        "users.password_help",
        "Lascia la password vuota per un membro che accede solo con SPID o CIE: indica allora il codice fiscale.",
        "Leave the password empty for a member who signs in only with SPID or CIE: give their fiscal code instead.",
    ),
    ("users.actions", "Azioni", "Actions"),
    ("users.change_role", "Cambia ruolo", "Change role"),
    ("users.remove", "Rimuovi", "Remove"),
    ("users.removed", "Membro rimosso.", "Member removed."),
    ("users.role_changed", "Ruolo aggiornato.", "Role updated."),
    ("users.sign_in", "Accesso", "Sign-in"),
    ("users.by_spid", "SPID/CIE", "SPID/CIE"),
    ("users.by_password", "Password", "Password"),
];
