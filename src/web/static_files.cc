// The style sheet and script, compiled into the binary (src/web/static/).
#include "web/app_internal.h"

namespace opkomst {
std::string_view EmbeddedWebFile(std::string_view name);  // generated from src/web/static/
}

namespace opkomst::web {

void StaticFile(Context& ctx) {
  const std::string& name = ctx.params["file"];
  std::string_view content;
  if (name == "app.css" || name == "app.js") content = EmbeddedWebFile(name);
  if (content.empty())
    return SendMessage(ctx, 404, ctx.T("fout.niet_gevonden.titel"), ctx.T("fout.niet_gevonden.tekst"));
  ctx.response.content_type = name.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
  ctx.response.body = std::string(content);
  std::erase_if(ctx.response.headers, [](const auto& h) { return h.first == "Cache-Control"; });
  ctx.response.Header("Cache-Control", "public, max-age=3600");
}

}  // namespace opkomst::web
