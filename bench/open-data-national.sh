#!/usr/bin/env bash
# Writes an open-data file of financed applications at national scale, in
# the PA digitale 2026 format (data/samples/candidature_finanziate_12_campione.csv):
# one application of each of the 7,896 Comuni of today in data/comuni.csv
# and 5,038 of schools spread over them — 12,934 rows, the size of the real
# file.
# Amounts, dates, CUPs and statuses are synthetic. Usage: bench/open-data-national.sh > FILE.csv
set -euo pipefail
head -1 data/samples/candidature_finanziate_12_campione.csv
awk -F, -v OFS=, 'NR > 1 && $12 == "" {
  n++
  istat = $1; ipa = "C_" $3
  call = (n % 3 == 0) ? "1.2 Abilitazione al cloud - Comuni - Luglio 2022" : "1.2 Abilitazione al cloud - Comuni - Aprile 2022"
  status = (n % 10 < 6) ? "E" : (n % 10 < 9 ? "A" : "R")
  amount = 20000 + ($10 % 997) * 113 + (n % 7) * 1000
  cup = sprintf("B%02dC22%09d", n % 90 + 10, n)
  print ipa, "Comune di " $2, $2, istat, $5, substr(istat, 1, 3), $8, $7, amount ".0", call, \
    "2022-05-04T11:58:51.000+0000", "2022-08-08", cup, (n % 4 + 1) ".0", (n % 200 + 1) ".0", status, \
    "1.2 Abilitazione e facilitazione migrazione al Cloud", "Comune"
  if (n <= 5038) {
    school = sprintf("S%07d", n)
    scup = sprintf("D%02dF22%09d", n % 90 + 10, n)
    print school, "Istituto Comprensivo " n, $2, istat, $5, substr(istat, 1, 3), $8, $7, (4000 + n % 5000) ".0", \
      "1.2 Abilitazione al Cloud - Scuole - Giugno 2022", "2022-08-24T10:17:17.000+0000", "2022-11-29", scup, \
      "1.0", (n % 90 + 1) ".0", status, "1.2 Abilitazione e facilitazione migrazione al Cloud", "Scuole"
  }
}' data/comuni.csv
