# The refusals and rules broken that pages, the API and the command line tell
# a person, by code, with their arguments.

error-invalid-fields = The request has invalid fields.
error-internal = An unexpected error occurred; it has been logged.
error-exists = { $what } already exists.
error-not-found = { $what } not found.
error-stale = { $what } was changed by { $changed_by } meanwhile (it is now at version { $version }): read it again and make the change on that version.
error-sign-in = Sign in to use this resource.
error-no-resource = No resource at { $path }.
error-language-unknown = «{ $given }» is not a language of the platform: choose it (Italian) or en (English)
error-form-submitted = The form of service { $position } is already submitted.
error-verdict-frozen = { $what } no longer takes changes.
error-required = is required
error-whole-number = must be a whole number ≥ 0
