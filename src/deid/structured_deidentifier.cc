// Dispatch to the per-format de-identifiers (structured_deidentifier.h).
#include "deid/structured_deidentifier.h"

#include "deid/csv_deidentifier.h"
#include "deid/fhir_deidentifier.h"
#include "deid/hl7v2_deidentifier.h"

namespace ward::deid {

Result<Deidentified> deidentify_format(phi::InputFormat format, std::string_view data, TextDeidentifier& deid,
                                       phi::ScanScratch& scratch, std::string_view file,
                                       const std::vector<phi::KnownValue>& known) {
  switch (format) {
    case phi::InputFormat::hl7v2: return deidentify_hl7v2(data, deid, scratch, file);
    case phi::InputFormat::fhir: return deidentify_fhir(data, deid, scratch, file);
    case phi::InputFormat::csv: return deidentify_csv(data, deid, scratch, file);
    case phi::InputFormat::text: break;
  }
  return deid.deidentify(data, scratch, file, known);
}

}  // namespace ward::deid
