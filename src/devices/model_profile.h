// What clinical engineering keeps per device model (manufacturer + model): whom to call about its
// security (the manufacturer's security contact and PSIRT/CVD page) and the key answers of the
// model's MDS2 form (the Manufacturer Disclosure Statement for Medical Device Security, 2019
// edition), named by the form's own question identifiers ("MPII-1", "MLDP-2"…), plus the
// software's end-of-support date. A model without any MDS2 answer has no form on file, and the
// API and the pages say so. Models are keyed as the matcher compares them: the vendor through the
// alias table (vendor_names.h), the model by normalise_name. Plain values and checks; the store
// is model_store.h, the CSV import model_csv.h.
#pragma once

#include <array>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/time.h"
#include "devices/vendor_names.h"

namespace ward::devices {

// One MDS2 question Ward keeps: its identifier on the form and what it asks, in short.
struct Mds2Question {
  std::string_view id;        // "MPII-1"
  std::string_view question;  // "stores or transmits personally identifiable information (ePHI)"
  bool is_text = false;       // a free answer (document id, date) rather than yes / no / n/a
};

inline constexpr std::size_t kMds2Questions = 16;
// The questions in the form's order (DOC, MPII, AUDT, AUTH, CSUP, MLDP, PAUT, RMOT, SBOM, STCF, TXCF).
const std::array<Mds2Question, kMds2Questions>& mds2_questions();

struct ModelKey {
  std::string vendor, model;  // normalised: "philips", "intellivue mx40"
  auto operator<=>(const ModelKey&) const = default;
};

// The vendor's canonical key(s) (several joined by "+": "ge healthcare+silex technology") and the
// normalised model name.
ModelKey model_key(const VendorAliases& aliases, std::string_view manufacturer, std::string_view model);

struct ModelProfile {
  std::string manufacturer, model;  // as written in the last change
  std::string contact_name, contact_email, contact_phone, psirt_url;
  std::map<std::string, std::string> mds2;  // question id -> "yes", "no", "n/a" (or the text answer)
  std::string end_of_support;               // YYYY-MM-DD, "" when not known
  std::string notes;
  TimeNs updated = 0;
  std::string updated_by;
};

// Manufacturer and model present; e-mail with an @; the PSIRT URL http(s); MDS2 ids known and
// yes/no/n/a answers (any case, "N/A" too; stored lower case); dates YYYY-MM-DD. Errors name the
// field. Returns the profile with its answers normalised.
Result<ModelProfile> checked_profile(ModelProfile profile);

// The profile as the API answers it: the fields, "mds2" as [{id, question, answer}] in the form's
// order (unanswered questions left out), "mds2_on_file", and when it is not on file a sentence
// saying so.
nlohmann::json model_profile_json(const ModelProfile& p);
// What a device shows when its model has no profile at all.
nlohmann::json missing_profile_json(std::string_view manufacturer, std::string_view model);
// The MDS2 questions Ward keeps, in the form's order, as [{id, question, text}] (`text`: a free
// answer rather than yes / no / n/a), for forms that edit the answers.
nlohmann::json mds2_questions_json();

// The keys a PUT body may carry; mds2 is an object of id -> answer.
extern const std::initializer_list<std::string_view> kModelProfileKeys;
// A PUT body (its manufacturer required) into a profile of `model` (checked_profile not yet
// applied); unknown keys and non-string values are errors naming the key.
Result<ModelProfile> model_profile_from_json(const nlohmann::json& body, std::string model);

}  // namespace ward::devices
