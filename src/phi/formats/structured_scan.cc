// Dispatch to the structured readers (structured_scan.h).
#include "phi/formats/structured_scan.h"

#include "phi/formats/csv_phi_scan.h"
#include "phi/formats/fhir_phi_scan.h"
#include "phi/formats/hl7v2_phi_scan.h"

namespace ward::phi {

Result<StructuredScan> scan_structured(InputFormat format, std::string_view data, FieldScanner& fields) {
  switch (format) {
    case InputFormat::hl7v2: return scan_hl7v2(data, fields);
    case InputFormat::fhir: return scan_fhir(data, fields);
    case InputFormat::csv: return scan_csv(data, fields);
    case InputFormat::text: break;
  }
  return fail(ErrorCode::internal, "plain text is not a structured format");
}

}  // namespace ward::phi
