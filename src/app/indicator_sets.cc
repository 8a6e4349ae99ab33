#include "app/indicator_sets.h"

#include "app/change.h"
#include "storage/indicator_sets.h"

namespace opkomst::app {
namespace {

StatusOr<IndicatorSetVersion> FromStored(const IndicatorSet& set, const team::StoredIndicatorSetVersion& stored) {
  auto indicators = ParseIndicators(stored.definition, set);
  if (!indicators)
    return Internal("indicator set " + set.id + " version " + std::to_string(stored.version) +
                    " is stored in a form this program cannot read");
  return IndicatorSetVersion{stored.version, stored.created_at, stored.created_by, *indicators};
}

}  // namespace

StatusOr<IndicatorSetVersion> CurrentIndicatorSet(Store& reader, const IndicatorSet& set) {
  OPKOMST_ASSIGN_OR_RETURN(auto versions, team::ListIndicatorSetVersions(reader, set.id));
  if (versions.empty()) return CodebookVersion(set);
  return FromStored(set, versions.back());
}

StatusOr<IndicatorSetVersion> IndicatorSetAt(Store& reader, const IndicatorSet& set, int version) {
  OPKOMST_ASSIGN_OR_RETURN(auto versions, team::ListIndicatorSetVersions(reader, set.id));
  for (const auto& stored : versions)
    if (stored.version == version) return FromStored(set, stored);
  if (version == 1) return CodebookVersion(set);
  return NotFound("indicator set " + set.id + " has no version " + std::to_string(version));
}

StatusOr<int> SaveIndicatorSetVersion(const Services& services, const SaveIndicatorSetCommand& command,
                                      Findings* findings) {
  const IndicatorSet* set = services.codebook.FindIndicatorSet(command.set_id);
  if (!set) return NotFound("no indicator set '" + command.set_id + "'");
  OPKOMST_ASSIGN_OR_RETURN(IndicatorSetVersion current, CurrentIndicatorSet(services.store, *set));
  if (current.version != command.based_on_version)
    return Conflict("indicator set " + set->id + " is at version " + std::to_string(current.version) +
                    ", the form showed version " + std::to_string(command.based_on_version));
  *findings = CheckIndicatorSetVersion(*set, current, command.indicators);
  if (!findings->empty()) return InvalidInput("indicator set " + set->id + ": the new version breaks a rule");
  int version = current.version + 1;
  OPKOMST_RETURN_IF_ERROR(Change(services, command.audit, [&](storage::UnitOfWork& work) {
    return work.PutIndicatorSetVersion(set->id, version, SerializeIndicators(command.indicators), command.saved_by);
  }));
  return version;
}

}  // namespace opkomst::app
