//! The texts of the data-quality page and the names of its rules.

pub(super) const TEXTS: &[(&str, &str, &str)] = &[
    ("quality.title", "Qualità dei dati", "Data quality"),
    (
        "quality.lead",
        "I dati ufficiali importati sono conservati come pubblicati: un campo che non rispetta la sua regola non fa scartare il record, ma è segnalato qui con il valore pubblicato.",
        "Official data is kept as published: a field that breaks its rule does not make the record be dropped; it is reported here with the value as published.",
    ),
    ("quality.download", "Scarica tutte le segnalazioni (CSV)", "Download every finding (CSV)"),
    ("quality.findings", "segnalazioni", "findings"),
    (
        "quality.none",
        "Nessuna segnalazione: i dati importati rispettano ogni regola.",
        "No findings: the imported data meets every rule.",
    ),
    ("quality.by_rule", "Segnalazioni per campo e regola", "Findings by field and rule"),
    ("quality.list", "Le segnalazioni, per file e riga", "The findings, by file and line"),
    ("quality.pages", "Pagine delle segnalazioni", "Pages of findings"),
    ("quality.dataset", "Dati", "Dataset"),
    ("quality.field", "Campo", "Field"),
    ("quality.rule", "Regola", "Rule"),
    ("quality.count", "Segnalazioni", "Findings"),
    ("quality.where", "File:riga", "File:line"),
    ("quality.record", "Record", "Record"),
    ("quality.value", "Valore pubblicato", "Value as published"),
    ("quality.note", "Nota", "Note"),
    (
        "quality.territory",
        "Territorio: i Comuni sono quelli dell'elenco ISTAT con le variazioni dal 2011 (fusioni, cambi di provincia o regione, nuove denominazioni; fonti ANPR e ISTAT). Un record con il codice di un Comune che ha cambiato provincia o regione è contato dove il Comune si trova oggi.",
        "Territory: the municipalities are ISTAT's list with its changes since 2011 (mergers, changes of province or region, new names; sources ANPR and ISTAT). A record with the code of a municipality that changed province or region is counted where the municipality is today.",
    ),
    (
        "dataset.candidature_finanziate",
        "Candidature finanziate (PA digitale 2026)",
        "Financed applications (PA digitale 2026)",
    ),
    ("quality_rule.cup_shape", "CUP non nella forma di un CUP", "CUP not in the shape of a CUP"),
    ("quality_rule.date_format", "Data non nel formato AAAA-MM-GG", "Date not in the format YYYY-MM-DD"),
    ("quality_rule.timestamp_format", "Data e ora non leggibili", "Timestamp not readable"),
    ("quality_rule.whole_number", "Non è un numero intero", "Not a whole number"),
    (
        "quality_rule.istat_leading_zeros",
        "Codice ISTAT senza gli zeri iniziali",
        "ISTAT code without its leading zeros",
    ),
    (
        "quality_rule.istat_moved",
        "Codice ISTAT di prima di una variazione: contato nel Comune di oggi",
        "ISTAT code from before a change: counted in today's municipality",
    ),
    (
        "quality_rule.istat_ended",
        "Comune cessato senza successore indicato dalle fonti",
        "Municipality ended, no successor named by the sources",
    ),
    (
        "quality_rule.istat_unknown",
        "Codice ISTAT sconosciuto: resta il Comune già noto dell'ente",
        "Unknown ISTAT code: the ente's known municipality stays",
    ),
];
