# The refusals of the accounts part, by code, with their arguments.


## Account (crates/domain/src/accounts.rs, members.rs, fiscal_code.rs)
acc-email-invalid = deve essere un indirizzo e-mail come nome@ente.it
acc-at-least-chars = deve avere almeno { $min } caratteri
acc-at-most-chars = deve avere al massimo { $max } caratteri
acc-empty = non deve essere vuoto
acc-unknown-kind = `{ $code }` non è un tipo di organizzazione valido: i valori ammessi sono { $expected }
acc-unknown-role = `{ $code }` non è un ruolo valido: i valori ammessi sono { $expected }
acc-not-a-member = non è un membro dell'organizzazione
acc-last-admin = l'organizzazione deve mantenere almeno un amministratore
acc-fiscal-code-length = non è lungo 16 caratteri
acc-fiscal-code-layout = lettere e cifre non sono nelle posizioni previste
acc-fiscal-code-month = la lettera del mese non è valida
acc-fiscal-code-day = il giorno di nascita non è valido
acc-fiscal-code-check-letter = il carattere di controllo non corrisponde
acc-email-taken = L'indirizzo e-mail è già usato da un altro account.
acc-email-taken-rule = è già usato da un altro account
acc-member-exists = Esiste già un membro con questo indirizzo e-mail o codice fiscale.
acc-member-exists-rule = o il codice fiscale è già usato da un membro
acc-member-not-found = Membro { $id } non trovato.

## Token delle API (crates/domain/src/api_tokens.rs, crates/workflows/src/api_tokens.rs)
acc-unknown-scope = `{ $code }` non è un ambito di token valido: i valori ammessi sono { $expected }
acc-token-name = deve avere da 1 a { $max } caratteri, senza caratteri di controllo
acc-scope-unavailable = l'ambito `{ $scope }` non è disponibile per un'organizzazione di tipo { $kind }
acc-scopes-empty = deve indicare almeno un ambito
acc-token-expiry = deve essere successiva a oggi ed entro { $days } giorni
acc-token-refused = Non è possibile creare il token.
acc-token-foreign = Il token bearer non è un token delle API di cloudpa (questi iniziano con `{ $prefix }`).
acc-token-unknown = Il token delle API non è riconosciuto.
acc-token-revoked = Il token delle API è stato revocato.
acc-token-expired = Il token delle API è scaduto il { $on }.
acc-date = deve essere una data
