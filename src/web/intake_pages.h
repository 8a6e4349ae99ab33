// Internal to the intake's page files (pages_intake.cc, pages_meeting.cc).
#ifndef OPKOMST_WEB_INTAKE_PAGES_H_
#define OPKOMST_WEB_INTAKE_PAGES_H_

#include "app/intake.h"
#include "web/app_internal.h"

namespace opkomst::web {

inline app::IntakeServices IntakeOf(Context& ctx) { return {ctx.services(), ctx.app.sealer()}; }
inline Date TodayOf(Context& ctx) { return Date::Parse(Today(ctx.app)).value_or(Date::Today()); }

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_INTAKE_PAGES_H_
