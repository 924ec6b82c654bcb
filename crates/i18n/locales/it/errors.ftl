# The refusals and rules broken that pages, the API and the command line tell
# a person, by code, with their arguments.

error-invalid-fields = La richiesta ha campi non validi.
error-internal = Si è verificato un errore imprevisto; è stato registrato.
error-exists = Esiste già { $what }.
error-not-found = Non trovato: { $what }.
error-stale = Nel frattempo { $changed_by } ha modificato { $what } (ora alla versione { $version }): rileggi e applica la modifica a quella versione.
error-sign-in = Accedi per usare questa risorsa.
error-no-resource = Nessuna risorsa a { $path }.
error-language-unknown = «{ $given }» non è una lingua della piattaforma: scegli it (italiano) o en (inglese)
error-form-submitted = Il modulo del servizio { $position } è già stato inviato.
error-verdict-frozen = Non si può più modificare { $what }.
error-required = è obbligatorio
error-whole-number = deve essere un numero intero ≥ 0
