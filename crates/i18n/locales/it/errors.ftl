# The refusals and rules broken that pages, the API and the command line tell
# a person, by code, with their arguments.

error-invalid-fields = La richiesta ha campi non validi.
error-internal = Si è verificato un errore imprevisto; è stato registrato.
error-exists = { $what } esiste già.
error-not-found = { $what } non trovato.
error-stale = { $what } è stato modificato da { $changed_by } nel frattempo (ora è alla versione { $version }): rileggilo e applica la modifica a quella versione.
error-sign-in = Accedi per usare questa risorsa.
error-no-resource = Nessuna risorsa a { $path }.
error-language-unknown = «{ $given }» non è una lingua della piattaforma: scegli it (italiano) o en (inglese)
error-form-submitted = Il modulo del servizio { $position } è già stato inviato.
error-verdict-frozen = { $what } non accetta più modifiche.
error-required = è obbligatorio
error-whole-number = deve essere un numero intero ≥ 0
