// The parts of the report page's form that are not filters: the table
// picker (checkboxes grouped by part of the report, instead of typed codes)
// and the name of a downloaded file, which says what the file holds.
#ifndef OPKOMST_WEB_REPORT_FORM_H_
#define OPKOMST_WEB_REPORT_FORM_H_

#include <string>
#include <vector>

#include "web/app_internal.h"
#include "web/form.h"

namespace opkomst::web {

// The tables a request asks for, in the catalogue's order and each once:
// those ticked in the picker (tabel_T1=1, ...) and those listed in
// `tabellen` (download links, bookmarks: "T1,T14,F9", case-insensitive).
// Codes that name no table or figure go to `unknown` (cut to 20 characters).
std::vector<std::string> ChosenTables(const WebRequest& request, std::vector<std::string>* unknown);

// The picker: one group per part of the report (reach, profile, impact,
// ...), each a list of checkboxes labelled with the table's number and
// title; a group with a chosen table is open. The error of `tabellen` is
// shown under its legend.
std::string TablePicker(const Context& ctx, const std::vector<std::string>& chosen, const FormErrors& errors);

// What a download holds, as its file name, e.g.
// opkomst-rapport-2023-09-30-T1-T5-20261202T1130.xlsx: the cut-off date,
// the track and period if chosen, the tables, "klein-zichtbaar" when small
// counts are shown, and the Brussels time of the export, so that two
// exports do not overwrite each other. Only [A-Za-z0-9._-].
struct DownloadNaming {
  std::string as_of, track, from, until;
  std::vector<std::string> ids;  // empty: every table
  bool small_counts_shown = false;
  std::string extension;  // "csv", "excel.csv", "xlsx", "html"
};
std::string DownloadFileName(const DownloadNaming& naming, int64_t now_utc);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_REPORT_FORM_H_
