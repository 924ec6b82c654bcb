//! The pages every Italian public site links from its footer.

use super::{Layout, Page, render};
use crate::i18n::Lang;
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "legal.html")]
struct Legal {
    layout: Layout,
    paragraphs: &'static [&'static str],
}

pub(crate) async fn accessibility(page: Page) -> Response {
    let text: &[&str] = match page.lang {
        Lang::It => &[
            "cloudpa si impegna a rendere il proprio sito accessibile, conformemente alla Legge 4/2004 e alle Linee guida AgID sull'accessibilità degli strumenti informatici, con riferimento ai requisiti WCAG 2.1 livello AA.",
            "Le pagine usano Bootstrap Italia, funzionano senza JavaScript, hanno un collegamento per saltare al contenuto, etichette per ogni campo e tabelle con intestazioni.",
            "Ogni amministrazione che pubblica un'istanza di cloudpa compila la propria dichiarazione su form.agid.gov.it e la collega da questa pagina.",
        ],
        Lang::En => &[
            "cloudpa aims to make its site accessible, in accordance with Law 4/2004 and AgID's accessibility guidelines, referring to WCAG 2.1 level AA.",
            "Pages use Bootstrap Italia, work without JavaScript, have a skip link, a label for every field and tables with headers.",
            "Each administration that publishes an instance of cloudpa files its own statement on form.agid.gov.it and links it from this page.",
        ],
    };
    render(&Legal {
        layout: page.layout("legal.accessibility.title", &[]),
        paragraphs: text,
    })
}

pub(crate) async fn privacy(page: Page) -> Response {
    let text: &[&str] = match page.lang {
        Lang::It => &[
            "cloudpa tratta i dati personali degli utenti registrati (nome, indirizzo e-mail, organizzazione, ruolo) per consentire l'accesso all'area riservata, ai sensi del Regolamento (UE) 2016/679.",
            "Il sito usa soltanto cookie tecnici: la sessione di accesso, la protezione dei moduli (CSRF) e la lingua scelta. Non usa cookie di profilazione né risorse di terze parti.",
            "Ogni modifica ai dati è registrata in un registro di audit a prova di manomissione. Il titolare del trattamento è l'amministrazione che pubblica questa istanza.",
        ],
        Lang::En => &[
            "cloudpa processes the personal data of registered users (name, e-mail address, organisation, role) to give access to the reserved area, under Regulation (EU) 2016/679.",
            "The site uses technical cookies only: the sign-in session, form protection (CSRF) and the chosen language. It uses no profiling cookies and no third-party resources.",
            "Every change to the data is recorded in a tamper-evident audit log. The controller is the administration that publishes this instance.",
        ],
    };
    render(&Legal {
        layout: page.layout("legal.privacy.title", &[]),
        paragraphs: text,
    })
}

pub(crate) async fn notes(page: Page) -> Response {
    let text: &[&str] = match page.lang {
        Lang::It => &[
            "cloudpa è software libero, rilasciato con licenza EUPL-1.2.",
            "Dati PNRR PADigitale2026 Copyright (c) Dipartimento per la trasformazione digitale, licenza CC BY 4.0. Dati dei Comuni: ISTAT, licenza CC BY 3.0 IT. Interfaccia: Bootstrap Italia (licenza BSD-3-Clause).",
        ],
        Lang::En => &[
            "cloudpa is free software, released under the EUPL-1.2 licence.",
            "PNRR PADigitale2026 data Copyright (c) Dipartimento per la trasformazione digitale, CC BY 4.0 licence. Municipality data: ISTAT, CC BY 3.0 IT licence. Interface: Bootstrap Italia (BSD-3-Clause licence).",
        ],
    };
    render(&Legal {
        layout: page.layout("legal.notes.title", &[]),
        paragraphs: text,
    })
}
