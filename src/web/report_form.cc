#include "web/report_form.h"

#include <algorithm>
#include <cstdio>

#include "domain/schedule.h"
#include "report/catalog.h"
#include "report/report.h"

namespace opkomst::web {
namespace {

// The parts of the report, as the picker groups them: by the table's
// letter and number range (catalog.cc lists them in this order).
struct Part {
  const char* key;  // ui.txt: rapport.deel.<key>
  char letter;
  int first, last;
};
constexpr Part kParts[] = {
    {"bereik", 'T', 1, 3},    {"profiel", 'T', 4, 15}, {"impact", 'T', 16, 19}, {"casestudie", 'T', 20, 26},
    {"inkomen", 'T', 27, 29}, {"figuren", 'F', 1, 99}, {"extra", 'E', 1, 99},   {"kerncijfers", 'K', 1, 99},
};

bool InPart(const Part& part, const std::string& id) {
  if (id.empty() || id[0] != part.letter) return false;
  int number = std::atoi(id.c_str() + 1);  // "F7b" -> 7
  return number >= part.first && number <= part.last;
}

size_t CatalogIndex(const std::string& id) {
  const auto& catalog = report::Catalog();
  for (size_t i = 0; i < catalog.size(); ++i)
    if (catalog[i].id == id) return i;
  return catalog.size();
}

// Keeps the characters a file name may carry everywhere.
std::string Safe(const std::string& text) {
  std::string out;
  for (char c : text.substr(0, 40))
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out += c;
  return out;
}

}  // namespace

std::vector<std::string> ChosenTables(const WebRequest& request, std::vector<std::string>* unknown) {
  std::vector<std::string> ids;
  for (const report::TableSpec& spec : report::Catalog())
    if (request.Query("tabel_" + spec.id) == "1") ids.push_back(spec.id);
  std::string list = request.Query("tabellen").substr(0, 400);
  size_t pos = 0;
  while (pos < list.size()) {
    size_t comma = std::min(list.find(',', pos), list.size());
    std::string code = list.substr(pos, comma - pos);
    pos = comma + 1;
    code.erase(0, code.find_first_not_of(' '));
    code.erase(code.find_last_not_of(' ') + 1);
    if (code.empty()) continue;
    auto parsed = report::ParseTableIds(code);  // one code: T1, t1, F7B, K (every key figure)
    if (parsed.ok())
      ids.insert(ids.end(), parsed->begin(), parsed->end());
    else
      unknown->push_back(code.substr(0, 20));
  }
  std::sort(ids.begin(), ids.end(),
            [](const std::string& a, const std::string& b) { return CatalogIndex(a) < CatalogIndex(b); });
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::string TablePicker(const Context& ctx, const std::vector<std::string>& chosen, const FormErrors& errors) {
  bool bad = errors.count("tabellen") > 0;
  std::string out = "<fieldset id=\"tabellen\" class=\"tables" + std::string(bad ? " invalid" : "") + "\"" +
                    (bad ? " aria-describedby=\"fout-tabellen\"" : "") + "><legend>" +
                    Escape(ctx.T("rapport.tabellen")) + "</legend>" + FieldError(errors, "tabellen");
  for (const Part& part : kParts) {
    std::string boxes;
    int ticked = 0;
    for (const report::TableSpec& spec : report::Catalog()) {
      if (!InPart(part, spec.id)) continue;
      bool on = std::find(chosen.begin(), chosen.end(), spec.id) != chosen.end();
      ticked += on;
      // The titles are the Dutch report's own: marked so in the English page.
      boxes += "<label><input type=\"checkbox\" name=\"tabel_" + spec.id + "\" value=\"1\"" + (on ? " checked" : "") +
               "><span lang=\"nl\">" + Escape(spec.id + ". " + spec.title) + "</span></label>";
    }
    std::string summary = Escape(ctx.T(std::string("rapport.deel.") + part.key));
    if (ticked > 0) summary += " (" + std::to_string(ticked) + " " + Escape(ctx.T("rapport.gekozen")) + ")";
    out += std::string("<details") + (ticked > 0 ? " open" : "") + "><summary>" + summary +
           "</summary><div class=\"choices\">" + boxes + "</div></details>";
  }
  return out + "</fieldset>";
}

std::string DownloadFileName(const DownloadNaming& naming, int64_t now_utc) {
  std::string name = "opkomst-rapport-" + Safe(naming.as_of);
  if (!naming.track.empty()) name += "-" + Safe(naming.track);
  if (!naming.from.empty()) name += "-van-" + Safe(naming.from);
  if (!naming.until.empty()) name += "-tot-" + Safe(naming.until);
  const std::vector<std::string>& ids = naming.ids;
  if (ids.empty()) {
    name += "-alle-tabellen";
  } else if (ids.size() <= 4) {
    for (const std::string& id : ids) name += "-" + Safe(id);
  } else {  // the first and the last, and how many
    name += "-" + Safe(ids.front()) + "-" + Safe(ids.back()) + "-" + std::to_string(ids.size()) + "-tabellen";
  }
  if (naming.small_counts_shown) name += "-klein-zichtbaar";
  groups::LocalTime local = groups::UtcToBrussels(now_utc);
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "-%sT%02d%02d", local.date.ToString().c_str(), local.minute / 60,
                local.minute % 60);
  std::string when = stamp;
  when.erase(std::remove(when.begin() + 1, when.end(), '-'), when.end());  // 2026-12-02 -> 20261202
  return name + when + "." + naming.extension;
}

}  // namespace opkomst::web
