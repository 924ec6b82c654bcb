# The refusals of the qualification part, by code, with their arguments.

error-refused = Refused.
error-last-changed = { $refusal } It was last changed by { $changed_by }, to version { $version }.

## Rules of a field, shared by forms, the API and catalogue files.

qual-required = is required
qual-not-empty = must not be empty
qual-too-long = must be at most { $max } characters
qual-date = must be a date
qual-date-iso = must be a date YYYY-MM-DD
qual-rfc3339 = must be an RFC 3339 timestamp
qual-location = must be IT, EU or extra-EU
qual-infrastructure-level = must be one of the levels AI1, AI2, AI3, AI4, or empty when not declared
qual-kind = must be IaaS, PaaS or SaaS
qual-level = must be QC1, QC2, QC3 or QC4
qual-format = must be json or csv
qual-outcome = must be qualified or rejected
qual-verdict = must be met, not_met or unclear
qual-not-a-state = is not a state

## The VAT number (partita IVA).

qual-vat-length = must be 11 digits
qual-vat-check-digit = the check digit should be { $expected }
qual-vat-office = the office code (digits 8–10) must be between 001 and 100, or 120, 121, 888 or 999

## Access.

qual-forbidden-role = Your organisation or role does not allow this action.
qual-other-organisation = This record belongs to another organisation.
qual-other-provider = This listing belongs to another provider.
qual-provider-answers = Only the provider answers its application.

## Records not found.

qual-no-listing = No listing { $id }.
qual-no-public-listing = No public listing { $id }.
qual-no-application = No application { $id }.
qual-no-decision = No decision { $id }.
qual-no-set = No requirement set { $id }.
qual-no-file = No file { $id }.
qual-no-action = No action { $action }.
qual-no-certificate = Only qualification decisions have a certificate.

## Uploads.

qual-multipart = must be sent as multipart/form-data
qual-bad-multipart = is not valid multipart
qual-not-form-part = is not a part of this form (only `file`)
qual-given-twice = is given more than once
qual-cross-site = Cross-site form refused.
qual-form-expired = The form has expired: reload the page and try again.
qual-file-too-large = Files are limited to { $mib } MiB.
qual-file-type = Only PDF, PNG and JPEG files are accepted (checked on the content).
qual-file-type-rule = must be a PDF, PNG or JPEG file
qual-file-malware = The file was refused by the virus scanner ({ $signature }).
qual-file-malware-rule = contains malware
qual-scanner-down = The virus scanner does not answer; try again later.

## Listings and their terms.

qual-sli-object = must be an object of indicator codes and objectives
qual-sli-unknown = `{ $code }` is not an indicator of the AgID SLI table
qual-terms-saas-runs-on = runs_on: a SaaS must name the infrastructure or IaaS it runs on
qual-runs-on = must name one of your infrastructures or IaaS, or a qualified IaaS
qual-listing-busy = An application for this listing is in progress: finish or withdraw it first.
qual-not-in-force = The listing is neither qualified nor suspended.
qual-history-before-current = a new status cannot start on { $on }, before the current one started ({ $current })
qual-history-ended = the listing is { $status }: no status can follow

## Applications, their answers and the triage.

qual-application-open = This listing already has an application in progress.
qual-revoked-listing = A revoked listing cannot be qualified again: register a new listing.
qual-set-unknown = `{ $set }` is not a known requirement set
qual-set-kind = `{ $set }` does not apply to { $kind }
qual-not-editable = An application that is { $state } cannot be changed.
qual-not-in-review = An application that is { $state } is not in review.
qual-changed-meanwhile = The application changed meanwhile; reload and retry.
qual-requirement-not-in-set = Requirement `{ $requirement }` is not part of { $set }.
qual-requirement-not-in-application = Requirement `{ $requirement }` is not part of this application.
qual-answer-wrong-type = requirement `{ $requirement }` is answered with { $expected }, not { $given }
qual-answer-blank = requirement `{ $requirement }`: the answer is empty
qual-document-not-owned = the document must be a file you uploaded
qual-triage-failed = The automatic triage found problems to fix before submitting.
qual-triage-unanswered = mandatory requirement unanswered
qual-triage-declared-no = mandatory requirement declared not met
qual-triage-expired = certificate expired on { $date }

## The lifecycle: what may happen to an application, and who may do it.

qual-transition-not-allowed = an application that is { $from } cannot be { $event }
qual-transition-wrong-actor = only { $expected ->
        [provider] the provider
        [agency] the agency
       *[system] the platform
    } may { $event } an application
qual-transition-motivation = a decision needs a written motivation
qual-transition-date = the date ({ $date }) must be after { $as_of }

# The states of an application, inside a sentence (in English, their codes).
qual-state-draft = draft
qual-state-submitted = submitted
qual-state-in-review = in_review
qual-state-integration-requested = integration_requested
qual-state-resubmitted = resubmitted
qual-state-qualified = qualified
qual-state-rejected = rejected
qual-state-suspended = suspended
qual-state-revoked = revoked
qual-state-expired = expired
qual-state-withdrawn = withdrawn
qual-state-superseded = superseded

# What happens to an application, as the participle of a sentence.
qual-event-submit = submitted
qual-event-start-review = taken into review
qual-event-request-integration = sent back for integration
qual-event-resubmit = resubmitted
qual-event-qualify = qualified
qual-event-reject = rejected
qual-event-suspend = suspended
qual-event-reinstate = reinstated
qual-event-revoke = revoked
qual-event-expire = expired
qual-event-withdraw = withdrawn
qual-event-supersede = superseded

## Catalogue files and searches.

qual-record-step = `{ $part }` is not status:YYYY-MM-DD
qual-record-status = `{ $status }` is not qualified, suspended, revoked or expired
qual-record-date = `{ $date }` is not a date YYYY-MM-DD
qual-record-first = must start with a qualification
qual-record-after-import = { $date } is after the date of the import ({ $as_of })
qual-one-of = must be one of { $allowed }
qual-search-parameter = is not a search parameter
qual-number-from = must be a whole number from { $min }
qual-number-between = must be a whole number from { $min } to { $max }
mon-rule-standard = must be one of the standards { $allowed }
mon-date-missing = must be a date (YYYY-MM-DD)
mon-rule-valid-until = must be after the start of validity ({ $valid_from })
mon-change-too-old = cannot be more than a year before the notice ({ $notified_on }): a change that old is established by a check
mon-change-triaged = the change has already been assessed
mon-check-closed = the check is already closed
mon-check-compliant-suspension = a service found compliant is not suspended
mon-no-change = Notified change
mon-no-check = Check
mon-alert-other-listing = the alert is not about this service
mon-suspension-reason = Outcome of the check "{ $subject }"
mon-triage-substantive = substantive, the service must be reviewed again
mon-triage-not_substantive = not substantive
mon-rule-change-kind = must be one of infrastructure, location, subcontractor, security_measures, certification, other
mon-rule-triage = must be substantive or not_substantive
mon-rule-check-kind = must be documentary or on_site
mon-rule-check-outcome = must be compliant or not_compliant
qual-set-track = the set "{ $set }" is for public operators' adeguamento (art. 15 c. 1), not for a private provider's qualification
qual-set-track-public = the set "{ $set }" is for private providers' qualification: an administration's services go through the adeguamento (art. 15 c. 1, set acn-2024-ac)
qual-level-ac = must be one of the adeguamento's levels AC1, AC2, AC3, AC4
qual-operator-nature = must be one of private, public_subject, in_house, publicly_controlled_by_law
