// `ward scan` of a DICOM file: the PHI in its attributes, found as the HL7 v2 and FHIR scans find
// theirs. The attributes looked at are those the PS3.15 Annex E profile acts on (what it keeps —
// Manufacturer, ROI names — is no identifier by the standard's reading) and private ones. By what
// an attribute is: person names (VR PN), dates (DA, DT), the patient's ids, address and telephone
// numbers, accession and admission ids, device serial numbers, ages over 89; by its text: every
// other text attribute (descriptions, comments, private text) through the text scanner with the
// patient's own values as known PHI. Nested sequences too; group 0002, private creators, UIDs
// (replaced by `ward deid`, but not the patient's identifiers) and the dummy values `ward deid`
// writes are left out. A photograph (modality XC, VL Photographic Image) may show the face: a
// `biometric` finding.
#pragma once

#include <filesystem>

#include "core/error.h"
#include "phi/formats/field_finding.h"
#include "phi/formats/field_scanner.h"

namespace ward::ocr {
class Ocr;
}

namespace ward::deid {

// Locations name the attribute by keyword and tag, with the items above it:
// "ReferencedPatientSequence[1] > PatientName (0010,0010)". An error when DCMTK cannot read the file.
// With `ocr`, the text burned into the first frame of an image that may carry some (a modality
// that usually does, or Burned In Annotation YES) is read and scanned too, located
// "PixelData (7fe0,0010) frame 1 text (OCR)".
Result<phi::StructuredScan> scan_dicom_file(const std::filesystem::path& file, phi::FieldScanner& fields,
                                            ocr::Ocr* ocr = nullptr);

}  // namespace ward::deid
