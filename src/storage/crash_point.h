// Fault injection for the kill test (tests/app/kill_test.cc): when the
// environment variable OPKOMST_CRASH_AT names `point`, the process kills
// itself with SIGKILL right there, as a power cut or an OOM kill would.
// Unset (always, outside that test), it costs one getenv.
//
// The points, in the order a change passes them:
//   change-written   the change's statements ran, its transaction is open
//   outbox-written   its audit event is in the outbox, not yet committed
//   committed        the transaction committed, the event is not chained
//   chained          the event is in the chain, still in the outbox
//   outbox-cleared   the event left the outbox
#ifndef OPKOMST_STORAGE_CRASH_POINT_H_
#define OPKOMST_STORAGE_CRASH_POINT_H_

namespace opkomst::storage {

void CrashPoint(const char* point);

}  // namespace opkomst::storage

#endif  // OPKOMST_STORAGE_CRASH_POINT_H_
