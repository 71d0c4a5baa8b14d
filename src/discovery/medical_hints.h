// Why a discovered host may be a medical device, each hint saying what it rests on:
//   ports   DICOM 104/tcp (IANA "acr-nema", alias dicom) and 11112/tcp (IANA "dicom"), HL7 v2
//           over MLLP 2575/tcp (IANA "hl7"), as the host answered on them;
//   vendor  the MAC's IEEE OUI organisation names a medical device maker (the list below);
//   name    the DHCP host name or vendor class holds a word for a clinical device ("pump",
//           "infusion", "ventilator", "monitor", "pacs", "modality", …) or a maker's name;
//   sender  it sent HL7 v2 to Ward's MLLP listener (MSH-3/MSH-4 name it), or an ATNA audit
//           message names its DICOM AE title.
// Hints are evidence to look at, not a verdict. No list of infusion-pump or monitor vendor
// ports is used: we know of no public source for one.
#pragma once

#include <string>
#include <vector>

#include "discovery/discovered_asset.h"

namespace ward::discovery {

// The hints for `asset`, in a fixed order (ports, vendor, name, HL7, DICOM), each one sentence.
std::vector<std::string> medical_hints(const DiscoveredAsset& asset);

}  // namespace ward::discovery
