# The platform's e-mails, in the language of the person who receives them.

mail-signature = cloudpa, platform of the Italian PA cloud
mail-unknown-state = unknown
mail-qual-subject = [cloudpa] { $service }: application { $from } → { $to }
mail-qual-news = The qualification application of the service «{ $service }» went from «{ $from }» to «{ $to }» on { $on }.
mail-qual-application = Application:
mail-qual-public-page = Public page:
mail-qual-state-draft = draft
mail-qual-state-submitted = submitted
mail-qual-state-in_review = in review
mail-qual-state-integration_requested = integration requested
mail-qual-state-resubmitted = resubmitted
mail-qual-state-qualified = qualified
mail-qual-state-rejected = rejected
mail-qual-state-suspended = suspended
mail-qual-state-revoked = revoked
mail-qual-state-expired = expired
mail-qual-state-withdrawn = withdrawn
mail-qual-state-superseded = superseded
mail-prog-application = Application:
mail-prog-when =
    { $days ->
        [1] tomorrow
       *[other] in { $days } days
    }
mail-prog-reminder-subject = [cloudpa] Deadline { $when }: { $what }
mail-prog-reminder-news = The project financed by the call «{ $call }» has a deadline on { $due }: { $what }. If it has been met already, record it on the application.
mail-prog-deadline-cup = entering the CUP
mail-prog-deadline-contract = signing the contract with the supplier
mail-prog-deadline-completion = completing the migration
mail-prog-state-subject = [cloudpa] Application { $state }: { $call }
mail-prog-state-news = The application to the call «{ $call }» went from «{ $from }» to «{ $to }» on { $on }.
mail-prog-state-cup = The CUP must be entered by { $due }.
mail-prog-state-motivation = Motivation: { $motivation }
mail-prog-state-draft = draft
mail-prog-state-submitted = submitted
mail-prog-state-not_admitted = not admitted
mail-prog-state-financed = financed
mail-prog-state-contracted = contracted
mail-prog-state-completed = completed
mail-prog-state-attested = attested
mail-prog-state-paid = paid
mail-prog-state-withdrawn = withdrawn
mail-prog-state-revoked = revoked
mail-mon-subject = Monitoring of a qualified service
mail-mon-page = Monitoring page:
mail-mon-reminder = The { $standard } certificate of the service "{ $service }" ends on { $until }. Record the renewed certificate before that day: a requirement of the level left unmet opens an alert to the Agency.
mail-mon-alert = Since { $on } the service "{ $service }" ({ $level }) no longer meets requirement { $reference }: { $requirement }. No valid certificate covers it.
mail-mon-change = The provider of the service "{ $service }" notified a change to assess: { $summary }
mail-mon-triaged = The Agency assessed the change notified for the service "{ $service }" ({ $summary }): { $triage }.
mail-mon-check-opened = The Agency opened a check of the service "{ $service }": { $subject }. The answer is due by { $respond_by }.
mail-mon-check-closed = The check of the service "{ $service }" ({ $subject }) closed with outcome: { $outcome }.
