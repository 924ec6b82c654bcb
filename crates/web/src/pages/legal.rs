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

/// A footer page: its title key and its paragraphs in Italian and English.
pub(crate) struct Text {
    title_key: &'static str,
    it: &'static [&'static str],
    en: &'static [&'static str],
}

pub(crate) async fn show(page: Page, text: &'static Text) -> Response {
    let paragraphs = match page.lang {
        Lang::It => text.it,
        Lang::En => text.en,
    };
    render(&Legal { layout: page.layout(text.title_key, &[]), paragraphs })
}

pub(crate) static ACCESSIBILITY: Text = Text {
    title_key: "legal.accessibility.title",
    it: &[
        "cloudpa si impegna a rendere il proprio sito accessibile, conformemente alla Legge 4/2004 e alle Linee guida AgID sull'accessibilità degli strumenti informatici, con riferimento ai requisiti WCAG 2.1 livello AA.",
        "Le pagine usano Bootstrap Italia, funzionano senza JavaScript, hanno un collegamento per saltare al contenuto, etichette per ogni campo e tabelle con intestazioni.",
        "Ogni amministrazione che pubblica un'istanza di cloudpa compila la propria dichiarazione su form.agid.gov.it e la collega da questa pagina.",
    ],
    en: &[
        "cloudpa aims to make its site accessible, in accordance with Law 4/2004 and AgID's accessibility guidelines, referring to WCAG 2.1 level AA.",
        "Pages use Bootstrap Italia, work without JavaScript, have a skip link, a label for every field and tables with headers.",
        "Each administration that publishes an instance of cloudpa files its own statement on form.agid.gov.it and links it from this page.",
    ],
};

pub(crate) static PRIVACY: Text = Text {
    title_key: "legal.privacy.title",
    it: &[
        "cloudpa tratta i dati personali degli utenti registrati (nome, indirizzo e-mail, organizzazione, ruolo) per consentire l'accesso all'area riservata, ai sensi del Regolamento (UE) 2016/679.",
        "Il sito usa soltanto cookie tecnici: la sessione di accesso, la protezione dei moduli (CSRF) e la lingua scelta. Non usa cookie di profilazione né risorse di terze parti.",
        "Ogni modifica ai dati è registrata in un registro di audit a prova di manomissione. Il titolare del trattamento è l'amministrazione che pubblica questa istanza.",
    ],
    en: &[
        "cloudpa processes the personal data of registered users (name, e-mail address, organisation, role) to give access to the reserved area, under Regulation (EU) 2016/679.",
        "The site uses technical cookies only: the sign-in session, form protection (CSRF) and the chosen language. It uses no profiling cookies and no third-party resources.",
        "Every change to the data is recorded in a tamper-evident audit log. The controller is the administration that publishes this instance.",
    ],
};

pub(crate) static NOTES: Text = Text {
    title_key: "legal.notes.title",
    it: &[
        "cloudpa è software libero, rilasciato con licenza EUPL-1.2.",
        "Dati PNRR PADigitale2026 Copyright (c) Dipartimento per la trasformazione digitale, licenza CC BY 4.0. Dati dei Comuni: ISTAT, licenza CC BY 3.0 IT. Interfaccia: Bootstrap Italia (licenza BSD-3-Clause).",
    ],
    en: &[
        "cloudpa is free software, released under the EUPL-1.2 licence.",
        "PNRR PADigitale2026 data Copyright (c) Dipartimento per la trasformazione digitale, CC BY 4.0 licence. Municipality data: ISTAT, CC BY 3.0 IT licence. Interface: Bootstrap Italia (BSD-3-Clause licence).",
    ],
};
