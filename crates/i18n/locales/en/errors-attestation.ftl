# The refusals of the attestation part, by code, with their arguments.


## Answers of a compliance form (crates/domain/src/attestation/form.rs, crates/web/src/api/attestation/forms.rs)
att-answer-unknown-item = is not an item of this form
att-answer-required = is required
att-answer-date = must be a date YYYY-MM-DD
att-answer-integer = must be a whole number, 0 or more
att-answer-declaration = must be declared to submit the form
att-answer-boolean = must be true or false
# $options: the item's options, comma-separated.
att-answer-choice = must be one of: { $options }
att-answer-url = must be an https address
att-answer-list = must be a list
att-answer-document = must be an uploaded file's id
att-answer-rows = must be a list of rows
att-answer-text = must be a text
# $row: the first broken row, from 1; $columns: the item's columns, comma-separated.
att-answer-table-row = row { $row }: needs exactly the columns { $columns }, each filled
att-answer-shape = must be a text, a number, true/false, a list or rows
att-url-malformed = must be a well-formed https address
att-no-form-for = No form for `{ $destination }`: iaas, paas or saas.

## Pre-checks (crates/domain/src/attestation/prechecks.rs, prechecks/network.rs)
att-check-contract-missing = name the service's contract
att-check-listing-missing = name the qualified catalogue listing it landed on
att-check-contract-too-early = signed on { $signed }, before eligible activities start ({ $from })
att-check-contract-too-late = signed on { $signed }, after completion or in the future ({ $last })
att-check-dnsh-missing = the contract's DNSH self-declaration is missing
att-check-report-period-missing = give the period the report covers
att-check-report-too-short = the report covers { $days } days: at least { $minimum } are needed
att-check-report-before-contract = the period starts before the contract ({ $signed })
att-check-report-in-future = the period ends in the future
att-check-report-names-ente = the report must name the ente: "{ $name }" or IPA code { $ipa }
att-check-identifiers-missing = give at least one identifier
att-check-identifiers-repeated = repeated: { $list }
att-check-identifiers-shared = already declared for another service of the project: { $list }
att-check-origin-not-decommissioned = declare the origin environment decommissioned
att-check-decommissioned-date-missing = give the date
att-check-decommissioned-in-future = the date is in the future
att-check-funded-twice = the same service of the ente is already in another financed project
# $reason: why the address is not public (one of the att-address-… texts).
att-check-address-not-public = { $entry }: { $reason }
att-check-address-invalid = { $entry }: not an IP address
att-check-ranges-missing = the provider has declared no address ranges for the infrastructure
att-check-address-outside-ranges = { $entry }: outside the ranges the qualified service's provider declares
att-check-access-not-public = not among the service's public addresses: { $list }

## Addresses and ranges (crates/domain/src/attestation/addresses.rs, crates/workflows/src/attestation/prefixes.rs)
att-address-unspecified = unspecified address (0.0.0.0 or ::)
att-address-this-network = "this network" address (0.0.0.0/8)
att-address-private = private address (RFC 1918)
att-address-shared-cgnat = shared CGNAT address (RFC 6598)
att-address-loopback = loopback address, the machine itself
att-address-link-local = link-local address, valid on the local link only
att-address-documentation = address reserved for examples in documentation
att-address-benchmarking = address reserved for benchmarking (RFC 2544)
att-address-multicast = multicast address, not a single service's
att-address-broadcast = broadcast address
att-address-reserved = reserved address, not assignable to a service
att-address-unique-local = IPv6 unique local address (RFC 4193)
att-address-translation = IPv4/IPv6 transition address (6to4 or local NAT64)
att-prefix-no-slash = `{ $text }` is not a prefix: write the network address, a slash and the length, e.g. 203.0.113.0/24
# $reason: why the address is not one (one of the att-ip-… texts).
att-prefix-address = `{ $text }`: { $reason }
att-prefix-length = `{ $text }`: the length must be a whole number from 0 to { $max }
att-prefix-host-bits = `{ $text }` has host bits set: the network is { $network }
att-ip-empty = no address given
att-ip-zone = `{ $text }`: a zone index (after %) names an interface of one machine, not a public address
att-ip-leading-zeros = `{ $text }`: a part of an IPv4 address with leading zeros is ambiguous (octal or decimal?)
att-ip-invalid = `{ $text }` is not an IP address
att-range-not-public = is not a public range: { $reason }
att-infrastructure-not-found = No infrastructure { $id } of yours.

## Destinations (crates/domain/src/attestation/destinations.rs)
att-exclusion-wrong-type = the destination is { $kind }; the migration needs { $needed }
att-exclusion-level-too-low = level { $level } does not admit { $class } data (at least { $minimum } is needed)
# $status: the listing's status then (one of the att-listing-… texts).
att-exclusion-not-qualified-on-contract = on the contract date ({ $on }) the service was { $status }
att-exclusion-not-qualified-today = today the service is { $status }
att-listing-absent = not in the catalogue
att-listing-qualified = qualified
att-listing-suspended = suspended
att-listing-revoked = revoked
att-listing-expired = expired

## Contracts and suppliers (crates/domain/src/attestation/contracts.rs, suppliers.rs, crates/workflows/src/attestation/contracts.rs)
att-contract-closed = contracts are recorded from the decree to the completion; the project is { $state }
att-contract-before-eligible = must be on or after { $from }, when eligible activities start
att-contract-in-future = must not be in the future
att-contract-recognition-missing = a contract signed before the decree needs an atto ricognitivo
att-contract-ente-only = Only the ente records its contracts.
att-contract-document-required = is required: upload the signed contract
att-not-a-supplier = is not a supplier of the directory
att-supplier-mepa = must be yes or no (si/no, true/false, 1/0)
att-not-empty = must not be empty
att-amount-positive = must be more than 0
att-euros = must be an amount in euro, such as 1.234,56
att-date = must be a date
att-time = must be a time HH:MM
att-file-foreign = is not a file the ente (or its aggregator) uploaded
att-multipart-expected = must be sent as multipart/form-data
att-multipart-broken = is not valid multipart
att-form-expired = The form has expired: reload the page and try again.

## Compliance forms (crates/workflows/src/attestation/forms.rs, destinations.rs)
att-form-not-editable = The forms of a project are filled from the activated contract to the completion, and a submitted one is frozen while the attestor verifies it; this project is { $state }.
att-form-not-migrated = Mark the service migrated before submitting its form.
att-form-unpinned = name the contract and the listing before submitting
att-no-service-at = Application { $id } has no service at position { $position }.
att-not-a-contract = is not a contract of this project
att-not-a-listing = is not a listing of the public catalogue

## Verification (crates/domain/src/attestation/verification.rs, live.rs, crates/workflows/src/attestation/verification.rs, live.rs, requests.rs)
att-outcome-forms-missing = { $count } services have no submitted compliance form
att-outcome-verdicts-missing = { $count } items have no verdict yet
att-outcome-documents-requested = { $count } items wait for documents requested from the ente
att-outcome-failures-in-positive = a positive outcome needs every item passed; { $count } failed
att-outcome-nothing-failed = a partially positive or negative outcome needs at least one failed item
att-outcome-motivation-missing = a partially positive or negative outcome needs a motivation
att-outcome-code = must be positive, partially_positive or negative
att-project-not-found = No project { $id }.
att-assign-not-financed = Only a financed project is verified by an attestor.
att-not-an-attestor = is not an attestor organisation
att-not-completed = A project is verified once completed; this one is { $state }.
att-not-a-checklist-item = is not an item of the checklist of position { $position }
att-verdict-code = must be pass, fail or request_documents
att-verdict-note-missing = a failed item or a request for documents needs a note
att-request-text-missing = must say which documents are needed
att-after-today = must be after today
att-request-position = must be 0 (the project) or a service from 1 to { $services }
att-position = must be 0 (the project) or a service
att-report-no-outcome = The project has no outcome of an asseverazione yet.
att-request-ente-only = Only the ente answers its attestor.
att-request-not-found = No request { $id } on this project.
att-request-answer-empty = give a text or at least one file
att-live-not-saas = a live verification is for a service migrated to a SaaS; this one lands on { $destination }
att-live-in-the-past = the slot must be in the future
att-live-already-open = the service has a live verification scheduled already; record its outcome first
att-live-not-yet = the outcome is recorded once the slot has begun
att-live-recorded = the outcome of this verification is recorded already
att-live-position = must be a service from 1 to { $count }
att-live-details-missing = give the call's link or the visit's address
att-live-not-found = No live verification { $id } on this project.
att-live-mode-code = must be videocall or on_site
att-live-outcome-code = must be confirmed, not_confirmed or not_held

## Sample controls (crates/workflows/src/attestation/samples.rs, crates/web/src/pages/attestation/desk/controls.rs)
att-percent-range = must be from 1 to 100
att-control-ente-only = Only the ente answers its control.
att-control-not-drawn = This project was not drawn for a control.
att-not-a-financed-state = is not a state of a financed project

## Payment request (crates/domain/src/attestation/payment.rs, crates/workflows/src/attestation/payment.rs)
att-payment-cre-missing = the CRE is missing.
att-payment-request-missing = the payment request is missing.
att-payment-cre-in-future = The CRE's date ({ $cre }) is in the future.
att-payment-cre-before-completion = The CRE ({ $cre }) predates the project's completion ({ $completed }).
att-payment-amount-not-decreed = The amount requested ({ $requested }) differs from the amount decreed ({ $decreed }).
att-payment-cup-missing = The project has no CUP.
att-payment-not-attested = The project has no positive asseverazione.
att-payment-ente-only = Only the ente sends its payment request.
att-payment-needs-attestation = A payment request needs a positive asseverazione; the project is { $state }.
att-payment-document-required = is required: upload the signed document
att-payment-amount-positive = must be a positive amount in euro cents
att-payment-cre-date-required = is required: the date the CRE was signed
att-payment-not-sent = The ente has not sent its payment request (CRE and domanda di erogazione) yet.
att-payment-checks-failed = The payment request fails the programme office's formal checks.
att-payment-paid-before-request = { $paid } is before the payment request ({ $submitted })

## Pre-check runs and the national forms (crates/workflows/src/attestation/runs.rs, national.rs, national/directory.rs)
att-not-a-call = is not a call: `{ $id }`
att-run-running = The pre-check run { $id } is still running.
att-run-not-found = No pre-check run { $id }.
att-national-not-empty = The national forms need a database without contracts or forms.
att-national-nothing-contracted = No project is contracted or later: write the national picture first.
# $what: what the generator of the national forms could not do, in English.
att-national-generator = national forms: { $what }

## The demo (crates/workflows/src/attestation/demo)
att-demo-no-saas = no qualified SaaS of the catalogue admits the demo's data class
att-demo-form-unpinned = a demo form is submitted unpinned or before its service is migrated
att-demo-form-state = the demo project does not take forms in its state
att-demo-assign = only a financed project is assigned, and only to an attestor
att-demo-not-completed = a project is verified once completed
