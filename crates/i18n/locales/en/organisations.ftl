# Texts of the register of organisations and of onboarding a new one
# (the agency's providers, the programme office's enti and attestors).

orgs-title = Registered organisations
orgs-created = Organisation registered; its first administrator can sign in with SPID or CIE:
orgs-onboard = Register an organisation
orgs-kind = Kind of organisation
orgs-kind-all = All kinds
orgs-filter = Filter
orgs-total = Organisations:
orgs-name = Name
orgs-ipa = IPA code
orgs-ipa-none = no IPA code
orgs-pages = Pages of the list of organisations
orgs-new-title = Register an organisation
orgs-new-intro = The organisation and its first administrator are registered together. The administrator signs in with SPID or CIE by fiscal code and then adds the other members.
orgs-new-form = Organisation and first administrator
orgs-lookup-title = Look up an IPA code
orgs-lookup-help = The lookup uses the official data the platform holds: the list of municipalities and the enti of the open data of financed applications.
orgs-lookup-submit = Look up the code
orgs-lookup-not-found = The code { $code } is not in the data the platform holds: type the ente's name.
orgs-lookup-ended = This municipality ended on { $on }: its territory is now the municipality of { $successor } (IPA code { $successor_ipa }).
orgs-lookup-ended-unknown = This municipality ended on { $on }; the sources do not name the municipality that holds its territory.
orgs-lookup-registered = This code is already registered for the organisation { $organisation }.
orgs-entry-kind = Kind of ente
orgs-province = Province
orgs-region = Region
orgs-source = Source
orgs-source-municipalities = List of municipalities (ISTAT, Dati PNRR PADigitale2026)
orgs-source-open-data = Open data of financed applications (PA digitale 2026)
orgs-ipa-help = Optional; required for the enti that have one.
orgs-admin-name = First administrator's full name
orgs-admin-email = First administrator's e-mail
orgs-admin-fiscal-code = First administrator's fiscal code
orgs-admin-fiscal-code-help = The administrator signs in with SPID or CIE with this fiscal code; they have no password.
orgs-submit = Register the organisation
orgs-name-empty = must not be empty
orgs-name-too-long = must be at most { $max } characters
orgs-ipa-invalid = must be at most { $max } letters, digits and underscores, such as c_a050
orgs-ipa-taken = is already the code of the organisation { $organisation }
orgs-email-taken = is already the address of another user
orgs-kind-forbidden = { $kind ->
    [provider] providers are registered by the administrators of the National Cybersecurity Agency
    [public_body] enti are registered by the administrators of the programme office
    [attestor] attestors are registered by the administrators of the programme office
   *[other] this kind of organisation is not registered from these pages
}
