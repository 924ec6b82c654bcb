# The refusals of the accounts part, by code, with their arguments.


## Accounts (crates/domain/src/accounts.rs, members.rs, fiscal_code.rs)
acc-email-invalid = must be an e-mail address such as nome@ente.it
acc-at-least-chars = must be at least { $min } characters
acc-at-most-chars = must be at most { $max } characters
acc-empty = must not be empty
acc-unknown-kind = `{ $code }` is not a valid organisation kind: expected one of { $expected }
acc-unknown-role = `{ $code }` is not a valid role: expected one of { $expected }
acc-not-a-member = is not a member of the organisation
acc-last-admin = the organisation must keep at least one administrator
acc-fiscal-code-length = it is not 16 characters long
acc-fiscal-code-layout = its letters and digits are not in the expected places
acc-fiscal-code-month = the month letter is not valid
acc-fiscal-code-day = the day of birth is not valid
acc-fiscal-code-check-letter = the check letter does not match
acc-email-taken = The e-mail is already used by another account.
acc-email-taken-rule = is already used by another account
acc-member-exists = A member with this e-mail or fiscal code exists already.
acc-member-exists-rule = or the fiscal code is already used by a member
acc-member-not-found = Member { $id } not found.

## API tokens (crates/domain/src/api_tokens.rs, crates/workflows/src/api_tokens.rs)
acc-unknown-scope = `{ $code }` is not a valid token scope: expected one of { $expected }
acc-token-name = must be 1 to { $max } characters, without control characters
acc-scope-unavailable = `{ $scope }` is not available to a { $kind } organisation
acc-scopes-empty = must name at least one scope
acc-token-expiry = must be after today and at most { $days } days away
acc-token-refused = The token cannot be made.
acc-token-foreign = The bearer token is not a cloudpa API token (they start with `{ $prefix }`).
acc-token-unknown = The API token is not recognised.
acc-token-revoked = The API token was revoked.
acc-token-expired = The API token expired on { $on }.
acc-date = must be a date
