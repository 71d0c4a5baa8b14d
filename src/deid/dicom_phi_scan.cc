// The PHI in a DICOM file's attributes (dicom_phi_scan.h).
#include "deid/dicom_phi_scan.h"

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <fmt/format.h>

#include "deid/dicom_pixel_review.h"
#include "deid/dicom_pixel_text.h"
#include "deid/dicom_profile.h"
#include "ocr/ocr.h"
#include "deid/dicom_values.h"

namespace ward::deid {
namespace {

using phi::PhiType;

// What an attribute is, when its tag says it: the patient's identifiers beyond what its VR tells.
std::optional<PhiType> type_of(const DcmTagKey& tag) {
  static const std::pair<DcmTagKey, PhiType> kTyped[] = {
      {DCM_PatientID, PhiType::mrn},
      {DCM_RETIRED_OtherPatientIDs, PhiType::mrn},
      {DCM_IssuerOfPatientID, PhiType::mrn},
      {DCM_PatientAddress, PhiType::geography},
      {DCM_CountryOfResidence, PhiType::geography},
      {DCM_RegionOfResidence, PhiType::geography},
      {DCM_PatientTelephoneNumbers, PhiType::phone},
      {DCM_PatientTelecomInformation, PhiType::phone},
      {DCM_AccessionNumber, PhiType::other_id},
      {DCM_AdmissionID, PhiType::other_id},
      {DCM_DeviceSerialNumber, PhiType::device},
      {DCM_PlateID, PhiType::device},
      {DCM_CassetteID, PhiType::device},
  };
  for (const auto& [key, type] : kTyped)
    if (key == tag) return type;
  return std::nullopt;
}

bool is_free_text_vr(DcmEVR vr) {
  return vr == EVR_LO || vr == EVR_SH || vr == EVR_LT || vr == EVR_ST || vr == EVR_UT || vr == EVR_UC ||
         vr == EVR_AE || vr == EVR_CS;
}

std::string attribute_name(DcmTag tag) {
  const char* keyword = tag.getTagName();
  const std::string where = fmt::format("({:04x},{:04x})", tag.getGTag(), tag.getETag());
  return keyword != nullptr && std::string_view(keyword) != "Unknown Tag & Data" ? fmt::format("{} {}", keyword, where) : where;
}

class AttributeWalk {
 public:
  AttributeWalk(phi::FieldScanner& fields, std::vector<phi::KnownValue> known, phi::StructuredScan& out)
      : fields_(fields), known_(std::move(known)), out_(out) {}

  Result<void> item(DcmItem& item, const std::string& above) {
    for (unsigned long i = 0; i < item.card(); ++i) {
      DcmElement* el = item.getElement(i);
      if (el == nullptr) continue;
      const DcmTag& tag = el->getTag();
      if (tag.getGTag() == 0x0002 || tag.isPrivateReservation()) continue;  // the file meta header; private creators
      const std::string place = above.empty() ? attribute_name(tag) : above + " > " + attribute_name(tag);
      if (el->ident() == EVR_SQ) {
        auto* sequence = static_cast<DcmSequenceOfItems*>(el);
        for (unsigned long k = 0; k < sequence->card(); ++k)
          if (auto ok = this->item(*sequence->getItem(k), fmt::format("{}[{}]", place, k + 1)); !ok) return ok;
        continue;
      }
      if (auto ok = element(*el, tag, place); !ok) return ok;
    }
    return {};
  }

 private:
  Result<void> element(DcmElement& el, const DcmTag& tag, const std::string& place) {
    const DcmEVR vr = el.getVR();
    if (vr == EVR_UI || vr == EVR_TM || (!is_free_text_vr(vr) && vr != EVR_PN && vr != EVR_DA && vr != EVR_DT && vr != EVR_AS))
      return {};
    // What the profile keeps is no identifier by the standard's reading (Manufacturer, ROI names);
    // private attributes are all removed by it, and their text is read.
    const bool private_tag = (tag.getGTag() & 1) != 0;
    if (!private_tag) {
      const auto action = ConfidentialityProfile::annex_e().action(tag.getGTag(), tag.getETag(), {});
      if (!action || *action == DicomAction::keep) return {};
    }
    OFString text;
    if (el.getOFStringArray(text).bad() || text.empty()) return {};
    const std::string value(text.c_str(), text.size());
    if (value == dicom_dummy_value(vr)) return {};  // written by `ward deid`
    const phi::FieldPlace where{place, 0};
    if (auto type = type_of(tag)) {
      fields_.add_field(*type, fmt::format("DICOM {}", attribute_name(tag)), value, where, out_.findings);
      return {};
    }
    if (vr == EVR_PN) {
      fields_.add_field(PhiType::name, "a person name (VR PN)", value, where, out_.findings);
      return {};
    }
    if (vr == EVR_DA || vr == EVR_DT) {
      fields_.add_field(PhiType::date, fmt::format("a date (VR {})", vr == EVR_DA ? "DA" : "DT"), value, where, out_.findings);
      return {};
    }
    if (vr == EVR_AS) {  // nnnY: an age over 89 is PHI
      if (value.size() == 4 && value[3] == 'Y' && std::atoi(value.substr(0, 3).c_str()) > 89)
        fields_.add_field(PhiType::age, "an age over 89 (VR AS)", value, where, out_.findings);
      return {};
    }
    if (vr == EVR_CS || vr == EVR_AE) return {};  // codes and application entity titles
    return fields_.scan_text(value, known_, where, out_.findings);
  }

  phi::FieldScanner& fields_;
  const std::vector<phi::KnownValue> known_;
  phi::StructuredScan& out_;
};

}  // namespace

Result<phi::StructuredScan> scan_dicom_file(const std::filesystem::path& file, phi::FieldScanner& fields, ocr::Ocr* ocr) {
  DcmFileFormat format;
  if (OFCondition c = format.loadFile(file.c_str()); c.bad())
    return fail(ErrorCode::invalid_input, fmt::format("not a readable DICOM file: {}", c.text()));
  DcmDataset& data = *format.getDataset();
  std::vector<phi::KnownValue> known;  // the patient's own values, looked for in the text attributes
  const std::string name = dicom_text(data, DCM_PatientName);  // Family^Given^Middle: "Given Family" in text
  const std::size_t caret = name.find('^');
  phi::add_known(PhiType::name, caret == std::string::npos ? name : name.substr(caret + 1, name.find('^', caret + 1) - caret - 1) + " " + name.substr(0, caret), known);
  phi::add_known(PhiType::mrn, dicom_text(data, DCM_PatientID), known);
  phi::add_known(PhiType::geography, dicom_text(data, DCM_PatientAddress), known);
  phi::StructuredScan out;
  AttributeWalk walk(fields, known, out);
  if (auto ok = walk.item(data, ""); !ok) return Unexpected(ok.error());
  const std::string modality = dicom_text(data, DCM_Modality), sop_class = dicom_text(data, DCM_SOPClassUID);
  if (ocr != nullptr && data.tagExists(DCM_PixelData) &&
      (modality_carries_text(modality) || dicom_text(data, DCM_BurnedInAnnotation) == "YES")) {
    auto frame = dicom_frame_gray(data, data.getOriginalXfer());
    auto read = frame ? ocr->read(*frame, 150) : Result<ocr::OcrText>(Unexpected(frame.error()));
    if (read) {
      if (auto ok = fields.scan_text(read->text, known, phi::FieldPlace{"PixelData (7fe0,0010) frame 1 text (OCR)", 0}, out.findings); !ok)
        return Unexpected(ok.error());
    }
  }
  if (data.tagExists(DCM_PixelData) && (modality == "XC" || sop_class == UID_VLPhotographicImageStorage))
    fields.add_field(PhiType::biometric, fmt::format("a photograph (modality {}): it may show the face", modality.empty() ? "?" : modality),
                     "photograph", phi::FieldPlace{attribute_name(DcmTag(DCM_PixelData)), 0}, out.findings);
  return out;
}

}  // namespace ward::deid
