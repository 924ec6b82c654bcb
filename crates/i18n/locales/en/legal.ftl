# The footer's legal pages: accessibility, privacy, legal notes.

legal-accessibility-p1 = cloudpa aims to make its site accessible, in accordance with Law 4/2004 and AgID's accessibility guidelines, referring to WCAG 2.1 level AA.
legal-accessibility-p2 = Pages use Bootstrap Italia, work without JavaScript, have a skip link, a label for every field and tables with headers.
legal-accessibility-p3 = Each administration that publishes an instance of cloudpa files its own statement on form.agid.gov.it and links it from this page.
legal-privacy-p1 = cloudpa processes the personal data of registered users (name, e-mail address, organisation, role) to give access to the reserved area, under Regulation (EU) 2016/679.
legal-privacy-p2 = The site uses technical cookies only: the sign-in session, form protection (CSRF) and the chosen language. It uses no profiling cookies and no third-party resources.
legal-privacy-p3 = Every change to the data is recorded in a tamper-evident audit log. The controller is the administration that publishes this instance.
legal-notes-p1 = cloudpa is free software, released under the EUPL-1.2 licence.
legal-notes-p2 = PNRR PADigitale2026 data Copyright (c) Dipartimento per la trasformazione digitale, CC BY 4.0 licence. Municipality data: ISTAT, CC BY 3.0 IT licence. Interface: Bootstrap Italia (BSD-3-Clause licence).
