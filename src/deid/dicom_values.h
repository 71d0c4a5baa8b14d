// One attribute's value as text with DCMTK, and the dummy values de-identification writes, for the
// DICOM modules of deid.
#pragma once

#include <string>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>

namespace ward::deid {

// The value of `key` in `item` itself (not in its sequences), all values joined by '\'; "" when absent.
inline std::string dicom_text(DcmItem& item, const DcmTagKey& key) {
  OFString v;
  return item.findAndGetOFStringArray(key, v, OFFalse).good() ? std::string(v.c_str(), v.size()) : std::string();
}

// The value the Annex E profile's D action writes for an attribute of this VR (PS3.15 E.3.1: a
// dummy value consistent with the VR); `ward scan` does not report these as PHI.
inline std::string dicom_dummy_value(DcmEVR vr) {
  switch (vr) {
    case EVR_DA: return "19000101";
    case EVR_DT: return "19000101000000";
    case EVR_TM: return "000000";
    case EVR_AS: return "000Y";
    case EVR_IS: case EVR_DS: return "0";
    case EVR_PN: return "ANONYMIZED^";
    default: return "ANONYMIZED";
  }
}

}  // namespace ward::deid
