// A long form survives an idle session (issue 11, finding 2): the page's
// script keeps the session alive while the worker is busy with a form
// (POST /sessie/verlengen, with the CSRF token, touching the session like
// any request), and a form posted after the session expired anyway is kept
// (web/app.cc: KeepStalePost; app/kept_forms.cc) and posted again after she
// signs in (GET /hervatten/{stash}).
#include "web/app_internal.h"

namespace opkomst::web {

void KeepAlivePost(Context& ctx) {
  // Finding the session already touched it; nothing else to do.
  ctx.response.status = 204;
  ctx.response.body.clear();
}

void ResumePage(Context& ctx) {
  auto stashed = Check(ctx.app.sessions().TakeForm(ctx.params["stash"], ctx.who().username, ctx.app.Now()));
  if (!stashed) return SendMessage(ctx, 200, ctx.T("hervatten.titel"), ctx.T("hervatten.weg"));
  // Posted again with this session's token: the handler checks access, the
  // dossier's version and every rule as for any post.
  std::string fields;
  int answers = 0;
  for (const auto& [name, value] : stashed->form) {
    fields += "<input type=\"hidden\" name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\">";
    if (!value.empty() && name != "version") ++answers;
  }
  std::string body = "<p class=\"notice\" role=\"status\">" + Escape(ctx.T("hervatten.uitleg")) + " (" +
                     std::to_string(answers) + ")</p><form method=\"post\" action=\"" + Escape(stashed->path) +
                     "\" data-hervat>" + CsrfField(ctx) + fields + "<button type=\"submit\">" +
                     Escape(ctx.T("hervatten.knop")) + "</button></form>";
  SendPage(ctx, ctx.T("hervatten.titel"), body);
}

}  // namespace opkomst::web
