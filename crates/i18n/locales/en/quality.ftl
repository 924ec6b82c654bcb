# The texts of the data-quality page and the names of its rules, and of a
# project's steps.

quality-title = Data quality
quality-lead = Official data is kept as published: a field that breaks its rule does not make the record be dropped; it is reported here with the value as published.
quality-download = Download every finding (CSV)
quality-findings = findings
quality-none = No findings: the imported data meets every rule.
quality-by_rule = Findings by field and rule
quality-list = The findings, by file and line
quality-pages = Pages of findings
quality-dataset = Dataset
quality-field = Field
quality-rule = Rule
quality-count = Findings
quality-where = File:line
quality-record = Record
quality-value = Value as published
quality-note = Note
quality-territory = Territory: the municipalities are ISTAT's list with its changes since 2011 (mergers, changes of province or region, new names; sources ANPR and ISTAT). A record with the code of a municipality that changed province or region is counted where the municipality is today.
dataset-candidature_finanziate = Financed applications (PA digitale 2026)
dataset-catalogo_servizi = Catalogue of qualified cloud services (listings files)
quality_rule-cup_shape = CUP not in the shape of a CUP
quality_rule-date_format = Date not in the format YYYY-MM-DD
quality_rule-timestamp_format = Timestamp not readable
quality_rule-whole_number = Not a whole number
quality_rule-istat_leading_zeros = ISTAT code without its leading zeros
quality_rule-istat_moved = ISTAT code from before a change: counted in today's municipality
quality_rule-istat_ended = Municipality ended, no successor named by the sources
quality_rule-istat_unknown = Unknown ISTAT code: the ente's known municipality stays
quality_rule-vat_check = VAT number with a wrong office code or check digit
quality_rule-service_level = Not a service level of the AgID indicators (SLI code=objective, once each): left out
quality_rule-provider_name = VAT number of a provider known under another name: the listing is that provider's
application-steps = Where the project stands
step-submitted = Application sent
step-financed = Financing
step-cup = CUP given
step-contract = Contract activated
step-completion = Migration completed
step-attestation = Attestation
step-payment = Payment
step-done_on = done on
step-done = done
step-next = the next step
step-by = by
step-later = later
step-stopped = not reached: the project stopped before it
