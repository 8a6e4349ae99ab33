// The access history of one dossier: its audit rows, newest first, 50 to a
// page, with refused attempts kept apart on request. Newest first and
// paged so that a flood of refused requests cannot push a real access out
// of sight; the assignment rows say from whom to whom, and a view that
// showed the mother's identity says so.
#include "domain/schedule.h"
#include "storage/team.h"
#include "web/app_internal.h"
#include "web/form.h"

namespace opkomst::web {
namespace {

constexpr int kRowsPerPage = 50;

// The interface text of `key` if the catalogue has it, else `fallback`
// (an action or outcome of a later version still shows, as its code).
std::string TextOr(const Context& ctx, const std::string& key, const std::string& fallback) {
  return HasUiText(key) ? ctx.T(key) : fallback;
}

// The value of `name=` in a detail of space-separated words.
std::string DetailValue(const std::string& detail, const std::string& name) {
  size_t at = detail.find(" " + name + "=");
  if (at == std::string::npos) return "";
  at += name.size() + 2;
  return detail.substr(at, detail.find(' ', at) - at);
}

// An audit row's UTC time as the team reads it: Brussels time, to the minute.
std::string LocalTime(const std::string& at) {
  auto utc = groups::ParseUtcTimestamp(at);
  return utc ? groups::FormatBrusselsMinute(*utc) : at;
}

bool IsSelfAssignment(const team::AuditRow& row) { return row.detail.rfind("toewijzing.zelf ", 0) == 0; }

// The detail in words: an assignment from whom to whom, an identity shown;
// anything else (a moment, a kind of contact) as stored.
std::string ReadableDetail(const Context& ctx, const team::AuditRow& row) {
  const std::string& d = row.detail;
  if (d == "identiteit") return ctx.T("historiek.identiteit");
  bool self = IsSelfAssignment(row);
  if (self || d.rfind("toewijzing ", 0) == 0)
    return ctx.T(self ? "historiek.toewijzing_zelf" : "historiek.toewijzing") + ": " + DetailValue(d, "van") +
           " \u2192 " + DetailValue(d, "naar");
  return d;
}

team::AuditOutcomes ParseFilter(const std::string& text) {
  if (text == "toegestaan") return team::AuditOutcomes::kAllowed;
  if (text == "geweigerd") return team::AuditOutcomes::kRefused;
  return team::AuditOutcomes::kAll;
}

std::string FilterLinks(const Context& ctx, const std::string& base, const std::string& current) {
  std::string out = "<p class=\"filters\">" + Escape(ctx.T("historiek.toon")) + ": ";
  for (const char* f : {"alles", "toegestaan", "geweigerd"}) {
    std::string label = Escape(ctx.T(std::string("historiek.filter.") + f));
    out += current == f ? "<strong>" + label + "</strong> "
                        : "<a href=\"" + base + "?filter=" + f + "\">" + label + "</a> ";
  }
  return out + "</p>";
}

std::string Table(const Context& ctx, const std::vector<team::AuditRow>& rows) {
  std::string body = "<table><thead><tr><th>#</th><th>" + Escape(ctx.T("veld.tijd")) + "</th><th>" +
                     Escape(ctx.T("veld.account")) + "</th><th>" + Escape(ctx.T("veld.rol")) + "</th><th>" +
                     Escape(ctx.T("veld.handeling")) + "</th><th>" + Escape(ctx.T("veld.uitkomst")) + "</th><th>" +
                     Escape(ctx.T("veld.detail")) + "</th></tr></thead><tbody>";
  for (const team::AuditRow& row : rows) {
    bool flagged = IsSelfAssignment(row);
    std::string detail = Escape(ReadableDetail(ctx, row));
    // The action in words; its code only where no words exist (a later version's).
    body += std::string(flagged ? "<tr class=\"over\">" : "<tr>") + "<td>" + std::to_string(row.seq) +
            "</td><td><time datetime=\"" + Escape(row.at) + "\">" + Escape(LocalTime(row.at)) + "</time></td><td>" +
            Escape(row.account) + "</td><td>" + Escape(TextOr(ctx, "rol." + row.role, row.role)) + "</td><td>" +
            Escape(TextOr(ctx, "handeling." + row.action, row.action)) + "</td><td>" +
            Escape(TextOr(ctx, "uitkomst." + row.outcome, row.outcome)) + "</td><td>" +
            (flagged ? "<strong>" + detail + "</strong>" : detail) + "</td></tr>";
  }
  return body + "</tbody></table>";
}

}  // namespace

void HistoryPage(Context& ctx) {
  std::string filter = ctx.request.Query("filter");
  if (filter != "toegestaan" && filter != "geweigerd") filter = "alles";
  team::AuditPageQuery query;
  query.dossier_id = ctx.dossier->dossier_id;
  query.outcomes = ParseFilter(filter);
  query.before_seq = WholeNumber(ctx.request.Query("voor"), 1, INT64_MAX).value_or(0);
  query.after_seq = WholeNumber(ctx.request.Query("na"), 1, INT64_MAX).value_or(0);
  if (query.after_seq > 0) query.before_seq = 0;
  query.limit = kRowsPerPage + 1;  // one more, to know whether there is a further page
  auto rows = team::AuditPage(ctx.app.pool().Auditor(), query);
  if (!rows.ok()) throw Failure(rows.status());
  bool more = rows->size() > static_cast<size_t>(kRowsPerPage);
  bool has_newer = query.after_seq > 0 ? more : query.before_seq > 0;
  bool has_older = query.after_seq > 0 ? true : more;
  if (more) {
    // The extra row is the newest when paging back to newer rows.
    if (query.after_seq > 0)
      rows->erase(rows->begin());
    else
      rows->pop_back();
  }
  ctx.audit_detail = filter == "alles" ? "" : "filter=" + filter;

  std::string base = "/dossiers/" + Escape(UrlEncode(ctx.dossier->dossier_id)) + "/historiek";
  std::string body = "<p>" + Escape(ctx.T("historiek.uitleg")) + "</p>" + FilterLinks(ctx, base, filter);
  body += Table(ctx, *rows);
  body += "<p class=\"pages\">";
  if (has_newer && !rows->empty())
    body += "<a href=\"" + base + "?filter=" + filter + "&amp;na=" + std::to_string(rows->front().seq) + "\">&larr; " +
            Escape(ctx.T("historiek.nieuwer")) + "</a> ";
  if (has_older && !rows->empty())
    body += "<a href=\"" + base + "?filter=" + filter + "&amp;voor=" + std::to_string(rows->back().seq) + "\">" +
            Escape(ctx.T("historiek.ouder")) + " &rarr;</a>";
  body += "</p><p><a href=\"/dossiers/" + Escape(UrlEncode(ctx.dossier->dossier_id)) + "\">" + Escape(ctx.T("terug")) +
          "</a></p>";
  SendPage(ctx, ctx.T("historiek.titel") + " " + ctx.dossier->dossier_id, body);
}

}  // namespace opkomst::web
