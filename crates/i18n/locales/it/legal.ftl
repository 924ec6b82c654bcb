# Le pagine legali del piè di pagina: accessibilità, privacy, note legali.

legal-accessibility-p1 = cloudpa si impegna a rendere il proprio sito accessibile, conformemente alla Legge 4/2004 e alle Linee guida AgID sull'accessibilità degli strumenti informatici, con riferimento ai requisiti WCAG 2.1 livello AA.
legal-accessibility-p2 = Le pagine usano Bootstrap Italia, funzionano senza JavaScript, hanno un collegamento per saltare al contenuto, etichette per ogni campo e tabelle con intestazioni.
legal-accessibility-p3 = Ogni amministrazione che pubblica un'istanza di cloudpa compila la propria dichiarazione su form.agid.gov.it e la collega da questa pagina.
legal-privacy-p1 = cloudpa tratta i dati personali degli utenti registrati (nome, indirizzo e-mail, organizzazione, ruolo) per consentire l'accesso all'area riservata, ai sensi del Regolamento (UE) 2016/679.
legal-privacy-p2 = Il sito usa soltanto cookie tecnici: la sessione di accesso, la protezione dei moduli (CSRF) e la lingua scelta. Non usa cookie di profilazione né risorse di terze parti.
legal-privacy-p3 = Ogni modifica ai dati è registrata in un registro di audit a prova di manomissione. Il titolare del trattamento è l'amministrazione che pubblica questa istanza.
legal-notes-p1 = cloudpa è software libero, rilasciato con licenza EUPL-1.2.
legal-notes-p2 = Dati PNRR PADigitale2026 Copyright (c) Dipartimento per la trasformazione digitale, licenza CC BY 4.0. Dati dei Comuni: ISTAT, licenza CC BY 3.0 IT. Interfaccia: Bootstrap Italia (licenza BSD-3-Clause).
