// A report page's request read from the query string (peildatum, traject,
// van, tot, verbergen) with the researcher's rules applied, and the report
// of the given tables built for it: shared by /rapporten (pages_report.cc,
// which implements it) and /kerncijfers (pages_keyfigures.cc), so both
// apply the same suppression and disclosure rules.
#ifndef OPKOMST_WEB_REPORT_VIEW_H_
#define OPKOMST_WEB_REPORT_VIEW_H_

#include <optional>
#include <string>
#include <vector>

#include "report/report.h"
#include "web/form.h"

namespace opkomst::web {

struct ReportView {
  std::string as_of, track, from, until;  // the filters as given (as_of completed)
  bool researcher = false;
  bool hide_small = true;
  FormErrors errors;                     // bad filters: no report
  std::string refusal;                   // a researcher's report refused: no report
  std::optional<report::Report> report;  // suppressed unless the team lead turned it off
  std::string query;                     // the filters and tables as a download link's query (HTML-escaped)
};

ReportView BuildReportView(Context& ctx, const std::vector<std::string>& ids);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_REPORT_VIEW_H_
