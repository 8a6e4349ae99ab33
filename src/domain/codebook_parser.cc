// Parser for the codebook text format (see the header of data/codebook.txt).
#include <set>

#include "domain/codebook.h"
#include "domain/text.h"

namespace opkomst {

class CodebookParser {
 public:
  explicit CodebookParser(Codebook* book) : book_(book) {}

  Status Line(int number, std::string_view line) {
    line_ = number;
    std::string_view body = Trim(line);
    if (body.empty() || body[0] == '#') return Status::Ok();
    size_t space = body.find(' ');
    std::string_view keyword = body.substr(0, space);
    std::string_view rest = space == std::string_view::npos ? "" : body.substr(space + 1);
    SplitFields(rest);
    if (keyword == "group") return ParseGroup();
    if (keyword == "list") return ParseList();
    if (keyword == "field") return ParseField();
    if (keyword == "var") return ParseVariable();
    if (keyword == "option") return ParseOption();
    if (keyword == "indicatorset") return ParseIndicatorSet();
    if (keyword == "domain") return ParseDomain();
    if (keyword == "indicator") return ParseIndicator();
    return Error("unknown statement '" + std::string(keyword) + "'");
  }

  Status Finish() {
    OPKOMST_RETURN_IF_ERROR(CloseVariable());
    std::set<int> slots;
    for (const Variable& v : book_->variables_) {
      if (!slots.insert(v.slot).second) return Error("slot " + std::to_string(v.slot) + " used twice");
      if (v.slot + 1 > book_->slot_count_) book_->slot_count_ = v.slot + 1;
    }
    for (const char* required : {"track", "referrer_type", "pregnant_at_start", "first_pregnancy"})
      if (book_->FindField(required) == nullptr) return Error(std::string("missing field ") + required);
    for (const char* required : {"casestudy", "interview"})
      if (book_->FindIndicatorSet(required) == nullptr) return Error(std::string("missing indicator set ") + required);
    return Status::Ok();
  }

 private:
  enum class Target { kNone, kList, kField, kVariable };

  void SplitFields(std::string_view rest) {
    positional_.clear();
    attributes_.clear();
    if (Trim(rest).empty()) return;
    for (std::string_view f : SplitTrimmed(rest, " | ")) {
      size_t eq = f.find('=');
      bool is_attribute = eq != std::string_view::npos && eq > 0 && f.substr(0, eq).find(' ') == std::string_view::npos;
      if (is_attribute) {
        attributes_[std::string(f.substr(0, eq))] = std::string(f.substr(eq + 1));
      } else {
        positional_.emplace_back(f);
      }
    }
  }

  Status Error(const std::string& what) const {
    return InvalidInput("codebook line " + std::to_string(line_) + ": " + what);
  }

  std::string Attribute(const std::string& key) const {
    auto it = attributes_.find(key);
    return it == attributes_.end() ? "" : it->second;
  }

  Status NeedPositional(size_t n) const {
    if (positional_.size() < n) return Error("expected " + std::to_string(n) + " fields");
    return Status::Ok();
  }

  Status ParseGroup() {
    OPKOMST_RETURN_IF_ERROR(CloseVariable());
    OPKOMST_RETURN_IF_ERROR(NeedPositional(3));
    book_->groups_.push_back({positional_[0], positional_[1], positional_[2]});
    target_ = Target::kNone;
    return Status::Ok();
  }

  Status ParseList() {
    OPKOMST_RETURN_IF_ERROR(CloseVariable());
    OPKOMST_RETURN_IF_ERROR(NeedPositional(1));
    book_->lists_.push_back(std::make_unique<OptionList>());
    current_list_ = book_->lists_.back().get();
    book_->named_lists_[positional_[0]] = current_list_;
    target_ = Target::kList;
    return Status::Ok();
  }

  Status ParseField() {
    OPKOMST_RETURN_IF_ERROR(CloseVariable());
    OPKOMST_RETURN_IF_ERROR(NeedPositional(3));
    Field field;
    field.name = positional_[0];
    field.label_nl = positional_[1];
    field.gloss_en = positional_[2];
    book_->fields_.push_back(std::move(field));
    target_ = Target::kField;
    return Status::Ok();
  }

  Status ParseVariable() {
    OPKOMST_RETURN_IF_ERROR(CloseVariable());
    OPKOMST_RETURN_IF_ERROR(NeedPositional(3));
    Variable v;
    v.name = positional_[0];
    v.label_nl = positional_[1];
    v.gloss_en = positional_[2];
    auto slot = ParseInteger(Attribute("slot"));
    if (!slot || *slot < 0 || *slot > 255) return Error("var " + v.name + " needs slot=0..255");
    v.slot = static_cast<int>(*slot);
    v.group = Attribute("group");
    bool known_group = false;
    for (const Group& g : book_->groups_) known_group |= g.id == v.group;
    if (!known_group) return Error("var " + v.name + ": unknown group '" + v.group + "'");
    const std::string moments = Attribute("moments");  // outlives the views below
    for (std::string_view m : SplitTrimmed(moments, ",")) {
      auto moment = ParseMoment(m);
      if (!moment) return Error("var " + v.name + ": unknown moment '" + std::string(m) + "'");
      v.moments.push_back(*moment);
    }
    if (Attribute("type") == "count") {
      v.type = VariableType::kCount;
      auto min = ParseInteger(Attribute("min")), max = ParseInteger(Attribute("max"));
      if (!min || !max || *min > *max) return Error("var " + v.name + " needs min= and max=");
      v.min = static_cast<int>(*min);
      v.max = static_cast<int>(*max);
    } else if (!Attribute("list").empty()) {
      auto it = book_->named_lists_.find(Attribute("list"));
      if (it == book_->named_lists_.end()) return Error("unknown list '" + Attribute("list") + "'");
      v.options = it->second;
    } else {
      book_->lists_.push_back(std::make_unique<OptionList>());
      v.options = book_->lists_.back().get();
      current_list_ = book_->lists_.back().get();
      open_variable_ = true;
    }
    if (book_->variable_index_.count(v.name)) return Error("var " + v.name + " defined twice");
    book_->variable_index_[v.name] = static_cast<int>(book_->variables_.size());
    book_->variables_.push_back(std::move(v));
    target_ = Target::kVariable;
    return Status::Ok();
  }

  Status CloseVariable() {
    if (open_variable_ && current_list_->size() == 0)
      return Error("var " + book_->variables_.back().name + " has no options");
    open_variable_ = false;
    return Status::Ok();
  }

  Status ParseOption() {
    OPKOMST_RETURN_IF_ERROR(NeedPositional(3));
    Option o;
    o.code = positional_[0];
    o.label_nl = positional_[1];
    o.gloss_en = positional_[2];
    if (positional_.size() > 3)
      for (std::string_view alias : SplitTrimmed(positional_[3], ";")) o.aliases.emplace_back(alias);
    OptionList* list = nullptr;
    if (target_ == Target::kList || (target_ == Target::kVariable && open_variable_)) list = current_list_;
    if (target_ == Target::kField) list = &book_->fields_.back().options;
    if (list == nullptr) return Error("option outside a list, field or variable with own options");
    if (list->FindCode(o.code)) return Error("option " + o.code + " defined twice");
    list->Add(std::move(o));
    return Status::Ok();
  }

  Status ParseIndicatorSet() {
    OPKOMST_RETURN_IF_ERROR(CloseVariable());
    OPKOMST_RETURN_IF_ERROR(NeedPositional(3));
    IndicatorSet set;
    set.id = positional_[0];
    set.title_nl = positional_[1];
    set.title_en = positional_[2];
    const std::string scale_text = Attribute("scale"), specials = Attribute("special");
    std::vector<std::string_view> scale = SplitTrimmed(scale_text, "-");
    auto lo = scale.size() == 2 ? ParseInteger(scale[0]) : std::nullopt;
    auto hi = scale.size() == 2 ? ParseInteger(scale[1]) : std::nullopt;
    if (!lo || !hi || *lo > *hi || *hi > 99) return Error("indicatorset needs scale=MIN-MAX");
    set.scale_min = static_cast<int>(*lo);
    set.scale_max = static_cast<int>(*hi);
    if (!specials.empty()) {
      for (std::string_view item : SplitTrimmed(specials, ",")) {
        size_t colon = item.find(':');
        if (colon == std::string_view::npos) return Error("special needs CODE:label");
        set.specials.push_back({std::string(item.substr(0, colon)), std::string(item.substr(colon + 1)), "", {}});
      }
    }
    book_->indicator_sets_.push_back(std::move(set));
    target_ = Target::kNone;
    return Status::Ok();
  }

  Status ParseDomain() {
    OPKOMST_RETURN_IF_ERROR(NeedPositional(4));
    if (book_->indicator_sets_.empty()) return Error("domain before indicatorset");
    book_->indicator_sets_.back().domains.push_back({positional_[0], positional_[1], positional_[2], positional_[3]});
    return Status::Ok();
  }

  Status ParseIndicator() {
    OPKOMST_RETURN_IF_ERROR(NeedPositional(3));
    if (book_->indicator_sets_.empty() || book_->indicator_sets_.back().domains.empty())
      return Error("indicator before domain");
    IndicatorSet& set = book_->indicator_sets_.back();
    if (set.FindIndicator(positional_[0])) return Error("indicator " + positional_[0] + " defined twice");
    Indicator ind;
    ind.name = positional_[0];
    ind.label_nl = positional_[1];
    ind.gloss_en = positional_[2];
    ind.domain = static_cast<int>(set.domains.size()) - 1;
    ind.dropped = positional_.size() > 3 && positional_[3] == "dropped";
    set.indicators.push_back(std::move(ind));
    return Status::Ok();
  }

  Codebook* book_;
  int line_ = 0;
  Target target_ = Target::kNone;
  OptionList* current_list_ = nullptr;
  bool open_variable_ = false;
  std::vector<std::string> positional_;
  std::map<std::string, std::string> attributes_;
};

StatusOr<std::unique_ptr<Codebook>> Codebook::Parse(std::string_view text) {
  auto book = std::unique_ptr<Codebook>(new Codebook());
  CodebookParser parser(book.get());
  int number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    OPKOMST_RETURN_IF_ERROR(parser.Line(++number, text.substr(pos, end - pos)));
    pos = end + 1;
  }
  OPKOMST_RETURN_IF_ERROR(parser.Finish());
  return book;
}

}  // namespace opkomst
