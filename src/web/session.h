// Signed-in sessions live in the store, through the application layer
// (app/sessions.h); the web pages use them under their own namespace.
#ifndef OPKOMST_WEB_SESSION_H_
#define OPKOMST_WEB_SESSION_H_

#include "app/sessions.h"

namespace opkomst::web {

using app::Session;
using app::SessionLimits;
using app::SessionStore;

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_SESSION_H_
