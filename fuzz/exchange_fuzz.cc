// Feeds arbitrary bytes as measurements.csv (beside a fixed dossiers.csv)
// through the whole exchange reader: header mapping, codes, dates, numbers
// and the cross-row rules. Files live in a per-process temp folder.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "exchange/exchange.h"

namespace {
class NullSink : public opkomst::RecordSink {
 public:
  opkomst::Status AddDossiers(const std::vector<opkomst::Dossier>&) override { return opkomst::Status::Ok(); }
  opkomst::Status AddMeasurement(const std::string&, const opkomst::Measurement&) override {
    return opkomst::Status::Ok();
  }
  opkomst::Status AddScore(const opkomst::Score&) override { return opkomst::Status::Ok(); }
  opkomst::Status AddInterview(const opkomst::InterviewAnswer&) override { return opkomst::Status::Ok(); }
};

std::string Folder() {
  static std::string dir = [] {
    std::string d = "/tmp/opkomst-fuzz-" + std::to_string(getpid());
    std::system(("mkdir -p " + d).c_str());
    std::FILE* f = std::fopen((d + "/dossiers.csv").c_str(), "wb");
    std::fputs("dossier_id,mother_id,track,start_date\nD1,M1,opkomst,2022-01-01\nD2,M2,opkomst_plus,2021-05-05\n", f);
    std::fclose(f);
    return d;
  }();
  return dir;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string dir = Folder();
  std::FILE* f = std::fopen((dir + "/measurements.csv").c_str(), "wb");
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  opkomst::Findings findings;
  NullSink sink;
  opkomst::Status s =
      opkomst::ReadExchangeFolder(dir, opkomst::Codebook::Default(), {}, opkomst::ReadOptions(), &sink, &findings);
  if (!s.ok()) std::abort();
  for (const opkomst::Finding& finding : findings.items())
    if (!opkomst::HasRule(finding.rule)) std::abort();
  return 0;
}
