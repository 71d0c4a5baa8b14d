// DICOM de-identification with DCMTK (dicom_deidentifier.h).
#include "deid/dicom_deidentifier.h"

#include "deid/dicom_pixel_review.h"
#include "deid/dicom_safe_private.h"
#include "deid/dicom_values.h"
#include "deid/linker.h"

#include <cctype>
#include <chrono>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <fmt/format.h>

namespace ward::deid {
namespace {


std::vector<std::string> split_values(const OFString& all) {
  std::vector<std::string> out;
  std::string v;
  for (char c : std::string(all.c_str(), all.size())) {
    if (c == '\\') { out.push_back(v); v.clear(); }
    else v += c;
  }
  out.push_back(v);
  return out;
}

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? "\\" : "") + values[i];
  return out;
}

std::string element_text(DcmElement& el) {
  OFString v;
  if (el.getOFStringArray(v).bad()) return "";
  return std::string(v.c_str(), v.size());
}

// "20190314" moved by `days`; other text kept as it is.
std::string shift_da(std::string_view da, int days) {
  if (da.size() < 8) return std::string(da);
  for (int i = 0; i < 8; ++i)
    if (da[static_cast<std::size_t>(i)] < '0' || da[static_cast<std::size_t>(i)] > '9') return std::string(da);
  const int y = std::stoi(std::string(da.substr(0, 4))), m = std::stoi(std::string(da.substr(4, 2))),
            d = std::stoi(std::string(da.substr(6, 2)));
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::string(da);
  const year_month_day moved{sys_days{ymd} + std::chrono::days{days}};
  return fmt::format("{:04}{:02}{:02}{}", static_cast<int>(moved.year()), static_cast<unsigned>(moved.month()),
                     static_cast<unsigned>(moved.day()), da.substr(8));
}

bool is_text_vr(DcmEVR vr) {
  switch (vr) {
    case EVR_AE: case EVR_AS: case EVR_CS: case EVR_DA: case EVR_DS: case EVR_DT: case EVR_IS: case EVR_LO:
    case EVR_LT: case EVR_PN: case EVR_SH: case EVR_ST: case EVR_TM: case EVR_UC: case EVR_UR: case EVR_UT: case EVR_UI:
      return true;
    default: return false;
  }
}

// One file's walk: the profile's action on every attribute, into every sequence item.
// The private elements of one item that Retain Safe Private keeps: the safe ones and their creators.
struct SafePrivateBlocks {
  std::set<std::pair<std::uint16_t, std::uint16_t>> elements, creators;  // (group, element), (group, 00xx)
  bool keeps(std::uint16_t group, std::uint16_t element) const {
    return elements.count({group, element}) > 0 || creators.count({group, element}) > 0;
  }
};

class Walk {
 public:
  Walk(const ConfidentialityProfile& profile, const std::set<DicomOption>& options, TextDeidentifier& text,
       phi::ScanScratch& scratch, std::string patient, DicomReport& report)
      : profile_(profile), options_(options), text_(text), scratch_(scratch), patient_(std::move(patient)), report_(report) {}

  Result<void> item(DcmItem& item) {
    const SafePrivateBlocks safe = safe_private_in(item);
    for (unsigned long i = 0; i < item.card();) {
      DcmElement* el = item.getElement(i);
      const DcmTag tag = el->getTag();
      if (tag.getETag() == 0x0000) { ++i; continue; }  // group lengths are recomputed on writing
      if (tag.isPrivate()) {
        if (safe.keeps(tag.getGTag(), tag.getETag())) {
          if (tag.getETag() >= 0x1000) ++report_.private_kept;
          if (auto ok = recurse(*el); !ok) return ok;  // a kept sequence's items are cleaned too
          ++i;
          continue;
        }
        delete item.remove(i);
        ++report_.private_removed;
        continue;
      }
      const auto action = profile_.action(tag.getGTag(), tag.getETag(), options_);
      if (action == DicomAction::remove) {
        delete item.remove(i);
        ++report_.removed;
        continue;
      }
      if (auto ok = apply(*el, action); !ok) return ok;
      ++i;
    }
    return {};
  }

  Result<std::string> new_uid(std::string_view old) {
    if (old.empty()) return std::string();
    auto high = text_.link_number("dicom_uid", old);
    if (!high) return Unexpected(high.error());
    auto low = text_.link_number("dicom_uid_low", old);
    if (!low) return Unexpected(low.error());
    const unsigned __int128 n = (static_cast<unsigned __int128>(*high) << 64) | *low;
    std::string digits;
    unsigned __int128 v = n;
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
      v /= 10;
    } while (v != 0);
    return "2.25." + digits;  // a UUID-derived UID (PS3.5 B.2): no root of our own needed
  }

 private:
  SafePrivateBlocks safe_private_in(DcmItem& item) const {
    SafePrivateBlocks safe;
    if (!options_.count(DicomOption::retain_safe_private)) return safe;
    for (unsigned long i = 0; i < item.card(); ++i) {
      const DcmTag tag = item.getElement(i)->getTag();
      if (!tag.isPrivate() || tag.getETag() < 0x1000) continue;
      const std::string creator = private_creator_of(item, tag.getGTag(), tag.getETag());
      if (creator.empty() || !SafePrivateTable::annex_e().is_safe(creator, tag.getGTag(), static_cast<std::uint8_t>(tag.getETag() & 0xff)))
        continue;
      safe.elements.insert({tag.getGTag(), tag.getETag()});
      safe.creators.insert({tag.getGTag(), static_cast<std::uint16_t>(tag.getETag() >> 8)});
    }
    return safe;
  }

  Result<void> recurse(DcmElement& el) {
    if (el.ident() != EVR_SQ) return {};
    auto& seq = static_cast<DcmSequenceOfItems&>(el);
    for (unsigned long k = 0; k < seq.card(); ++k)
      if (auto ok = item(*seq.getItem(k)); !ok) return ok;
    return {};
  }

  Result<void> put(DcmElement& el, const std::string& value) {
    if (el.putString(value.c_str(), static_cast<Uint32>(value.size())).bad())
      return fail(ErrorCode::invalid_input, fmt::format("cannot write ({:04x},{:04x})", el.getGTag(), el.getETag()));
    return {};
  }

  Result<void> apply(DcmElement& el, std::optional<DicomAction> action) {
    const DcmEVR vr = el.ident();
    if (!action || *action == DicomAction::keep) return recurse(el);
    if (vr == EVR_SQ) {
      // A sequence's items get the same treatment, whatever the action on the sequence itself;
      // Z empties it.
      if (*action == DicomAction::zero) {
        static_cast<DcmSequenceOfItems&>(el).clear();
        ++report_.emptied;
        return {};
      }
      return recurse(el);
    }
    switch (*action) {
      case DicomAction::zero:
        el.clear();
        ++report_.emptied;
        return {};
      case DicomAction::dummy: {
        if (!is_text_vr(vr)) { el.clear(); ++report_.emptied; return {}; }
        if (vr == EVR_UI) return uid(el);
        ++report_.dummied;
        // The Patient ID becomes the patient's link code, the same as for this MRN in text, so
        // a patient's studies stay together (a dummy value, as D allows).
        if (el.getTag() == DCM_PatientID) {
          const std::string id = element_text(el);
          if (!id.empty()) {
            auto n = text_.link_number(phi::to_string(phi::PhiType::mrn), normalise_for_link(phi::PhiType::mrn, id));
            if (!n) return Unexpected(n.error());
            return put(el, link_code(*n));
          }
        }
        return put(el, dicom_dummy_value(vr));
      }
      case DicomAction::uid:
        return vr == EVR_UI ? uid(el) : Result<void>{};
      case DicomAction::clean:
        return clean(el);
      default:
        return {};
    }
  }

  Result<void> uid(DcmElement& el) {
    std::vector<std::string> values = split_values(OFString(element_text(el).c_str()));
    for (std::string& v : values) {
      auto mapped = new_uid(v);
      if (!mapped) return Unexpected(mapped.error());
      v = *mapped;
    }
    ++report_.uids;
    return put(el, join_values(values));
  }

  // C: dates move by the patient's offset (retain-longitudinal-dates); text keeps its meaning
  // with the PHI in it replaced; anything else is kept.
  Result<void> clean(DcmElement& el) {
    const DcmEVR vr = el.ident();
    const std::string value = element_text(el);
    if (value.empty()) return {};
    if (vr == EVR_DA || vr == EVR_DT) {
      auto days = text_.date_offset(patient_);
      if (!days) return Unexpected(days.error());
      std::vector<std::string> values = split_values(OFString(value.c_str()));
      for (std::string& v : values) {
        const std::size_t dash = v.find('-');  // a range "A-B"
        v = dash == std::string::npos ? shift_da(v, *days) : shift_da(v.substr(0, dash), *days) + "-" + shift_da(v.substr(dash + 1), *days);
      }
      ++report_.dates_shifted;
      return put(el, join_values(values));
    }
    if (vr == EVR_TM || !is_text_vr(vr) || vr == EVR_UI) return {};
    auto cleaned = text_.deidentify(value, scratch_, patient_);
    if (!cleaned) return Unexpected(cleaned.error());
    if (cleaned->changed.total() == 0) return {};
    ++report_.cleaned;
    return put(el, cleaned->text);
  }

  const ConfidentialityProfile& profile_;
  const std::set<DicomOption>& options_;
  TextDeidentifier& text_;
  phi::ScanScratch& scratch_;
  std::string patient_;
  DicomReport& report_;
};

}  // namespace

bool looks_like_dicom(std::string_view first_bytes, const std::filesystem::path& name) {
  std::string extension = name.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return (first_bytes.size() >= 132 && first_bytes.substr(128, 4) == "DICM") || extension == ".dcm" || extension == ".dicom";
}

Result<DicomReport> DicomDeidentifier::deidentify_file(const std::filesystem::path& in, const std::filesystem::path& out) {
  DcmFileFormat file;
  if (OFCondition c = file.loadFile(in.c_str()); c.bad())
    return Unexpected(Error{ErrorCode::invalid_input, fmt::format("not a readable DICOM file: {}", c.text()), in.string()});
  DcmDataset& data = *file.getDataset();
  DicomReport report;
  // Whose dates move together: the patient as the file names them, before anything changes.
  std::string patient = dicom_text(data, DCM_PatientID);
  if (patient.empty()) patient = dicom_text(data, DCM_PatientName);
  if (patient.empty()) patient = in.filename().string();

  // Before any attribute changes: the filter rules read Series Description, private tags and more.
  const PixelOutcome pixels = review_pixels(data, file.getMetaInfo(), data.getOriginalXfer(), filters_,
                                            options_.count(DicomOption::clean_pixels) > 0);
  report.pixel_review = pixels.review;
  report.pixel_reason = pixels.reason;
  report.pixel_cleaned = pixels.cleaned;

  Walk walk(profile_, options_, text_, scratch_, patient, report);
  if (auto ok = walk.item(data); !ok) {
    Error e = ok.error();
    e.source = in.string();
    return Unexpected(e);
  }
  // The file meta header names the instance too.
  DcmMetaInfo& meta = *file.getMetaInfo();
  if (const std::string sop = dicom_text(meta, DCM_MediaStorageSOPInstanceUID); !sop.empty() && !options_.count(DicomOption::retain_uids)) {
    auto mapped = walk.new_uid(sop);
    if (!mapped) return Unexpected(mapped.error());
    meta.putAndInsertString(DCM_MediaStorageSOPInstanceUID, mapped->c_str());
  }

  // What was done, in the dataset (PS3.15 E.1.1; PS3.16 CID 7050; PS3.3 C.12.1.1.8).
  data.putAndInsertString(DCM_PatientIdentityRemoved, "YES");
  if (pixels.all_cleaned) data.putAndInsertString(DCM_BurnedInAnnotation, "NO");
  const char* dates = options_.count(DicomOption::retain_longitudinal_full_dates) ? "UNMODIFIED"
                      : options_.count(DicomOption::retain_longitudinal_dates)  ? "MODIFIED"
                                                                                 : "REMOVED";
  data.putAndInsertString(DCM_LongitudinalTemporalInformationModified, dates);
  std::vector<std::string_view> codes = {"113100"};
  for (DicomOption o : options_)  // Clean Pixel Data only for the files whose text was all blanked
    if (o != DicomOption::clean_pixels || pixels.all_cleaned) codes.push_back(dicom_option_code(o));
  // (LO: 64 characters; the options are named by the code sequence below)
  const std::string method = codes.size() == 1 ? "Ward: PS3.15 Basic Application Confidentiality Profile"
                                               : "Ward: PS3.15 Basic Profile with options (see codes)";
  data.putAndInsertString(DCM_DeidentificationMethod, method.c_str());
  data.findAndDeleteElement(DCM_DeidentificationMethodCodeSequence);
  for (std::size_t k = 0; k < codes.size(); ++k) {
    DcmItem* item = nullptr;
    if (data.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, item, -2).bad() || item == nullptr)
      return fail(ErrorCode::internal, "cannot add the De-identification Method Code Sequence");
    item->putAndInsertString(DCM_CodeValue, std::string(codes[k]).c_str());
    item->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
  }

  std::error_code ec;
  std::filesystem::create_directories(out.parent_path(), ec);
  // Cleaned compressed pixels may have been decoded for good (a lossy original): the syntax they are in now.
  if (OFCondition c = file.saveFile(out.c_str(), static_cast<E_TransferSyntax>(pixels.transfer_syntax), EET_UndefinedLength, EGL_recalcGL, EPD_noChange, 0, 0, EWM_updateMeta);
      c.bad())
    return Unexpected(Error{ErrorCode::io, fmt::format("cannot write: {}", c.text()), out.string()});
  return report;
}

}  // namespace ward::deid
