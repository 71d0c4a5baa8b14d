// SSVC inputs and decisions for findings: each input derived from the device and the advisories
// (the real ICSMA and KEV files), explained, and assumed the conservative way when unknown.
#include "devices/ssvc_assessment.h"

#include <gtest/gtest.h>

#include "core/file_reader.h"
#include "devices/advisory_json.h"
#include "devices/devices_config.h"
#include "testing/shared_data.h"

namespace ward::devices {
namespace {

Advisory load(const std::string& relative) {
  auto file = read_input_file(testing::shared_data(relative));
  EXPECT_TRUE(file) << relative;
  auto a = parse_advisory(file->view());
  EXPECT_TRUE(a) << relative;
  return a ? *a : Advisory{};
}

const SsvcInput& input(const SsvcAssessment& a, const std::string& name) {
  for (const SsvcInput& i : a.inputs) {
    if (i.decision_point == name) return i;
  }
  static const SsvcInput none;
  ADD_FAILURE() << "no input " << name;
  return none;
}

Device pump() {
  Device d;
  d.device_id = "PUMP-1";
  d.manufacturer = "Siemens";
  d.model = "PET/CT";
  d.clinical_function = "infusion";
  d.patient_connected = true;
  d.life_sustaining = true;
  d.network_segment = "Guest WiFi";
  return d;
}

SsvcAssessment assessed(const Device& d, const std::vector<Advisory>& advisories, const std::string& advisory_id,
                        const std::string& cve, const SsvcSettings& settings = {}) {
  const AdvisoryFacts facts(advisories);
  AdvisoryMatch m;
  m.advisory_id = advisory_id;
  m.cve = cve;
  auto a = assess(d, m, facts, *SsvcTables::published(), settings);
  EXPECT_TRUE(a) << (a ? "" : a.error().message);
  return a ? *a : SsvcAssessment{};
}

TEST(SsvcAssessment, AKevCveOnALifeSustainingOpenDeviceIsImmediateAndAct) {
  const std::vector<Advisory> advisories = {load("vuln_feeds/csaf/icsma/icsma-17-215-02.json"),
                                            load("vuln_feeds/kev/known_exploited_vulnerabilities.json")};
  const SsvcAssessment a = assessed(pump(), advisories, "ICSMA-17-215-02", "CVE-2015-1635");
  EXPECT_EQ(a.deployer, "immediate");
  EXPECT_EQ(a.cisa, "act");
  EXPECT_EQ(input(a, "Exploitation").value, "active");
  EXPECT_TRUE(input(a, "Exploitation").reason.starts_with("CVE-2015-1635 is in CISA KEV (catalogue ")) << input(a, "Exploitation").reason;
  EXPECT_EQ(input(a, "Automatable").value, "yes");
  EXPECT_NE(input(a, "Automatable").reason.find("CVSS:3.0/AV:N/AC:L/PR:N/UI:N"), std::string::npos);
  EXPECT_EQ(input(a, "Technical Impact").value, "total");
  EXPECT_EQ(input(a, "System Exposure").value, "open");
  EXPECT_NE(input(a, "System Exposure").reason.find("the word \"guest\""), std::string::npos);
  EXPECT_EQ(input(a, "Safety Impact").value, "catastrophic");
  EXPECT_EQ(input(a, "Human Impact").value, "very high");
  EXPECT_EQ(input(a, "Mission and Well-Being Impact").value, "high");
  for (const SsvcInput& i : a.inputs) EXPECT_FALSE(i.assumed) << i.decision_point;
}

TEST(SsvcAssessment, TheAdvisorysExploitabilityNoteGivesPublicPocWithoutKev) {
  const std::vector<Advisory> advisories = {load("vuln_feeds/csaf/icsma/icsma-17-215-02.json")};
  const SsvcAssessment a = assessed(pump(), advisories, "ICSMA-17-215-02", "CVE-2015-1635");
  EXPECT_EQ(input(a, "Exploitation").value, "public poc");
  EXPECT_EQ(input(a, "Exploitation").reason,
            "KEV not imported; the advisory: \"Exploits that target these vulnerabilities are publicly available.\"");
  EXPECT_EQ(a.deployer, "out-of-cycle");  // public poc, open, automatable, very high
}

TEST(SsvcAssessment, NoKnownExploitsOnAnIsolatedLabAnalyserIsDeferAndTrack) {
  const std::vector<Advisory> advisories = {load("vuln_feeds/csaf/icsma/icsma-17-017-01.json"),
                                            load("vuln_feeds/kev/known_exploited_vulnerabilities.json")};
  Device lab;
  lab.device_id = "LAB-1";
  lab.patient_connected = false;
  lab.life_sustaining = false;
  lab.network_segment = "Lab isolated";
  const SsvcAssessment a = assessed(lab, advisories, "ICSMA-17-017-01", "CVE-2016-8375");
  EXPECT_EQ(input(a, "Exploitation").value, "none");
  EXPECT_TRUE(input(a, "Exploitation").reason.starts_with("not in CISA KEV; the advisory: \"No known public exploits"))
      << input(a, "Exploitation").reason;
  EXPECT_EQ(input(a, "Automatable").value, "no");
  EXPECT_EQ(input(a, "System Exposure").value, "small");
  EXPECT_EQ(input(a, "Safety Impact").value, "marginal");
  EXPECT_EQ(input(a, "Mission and Well-Being Impact").value, "low");
  EXPECT_EQ(a.deployer, "defer");
  EXPECT_EQ(a.cisa, "track");
}

TEST(SsvcAssessment, WhatCannotBeDerivedIsAssumedTheConservativeWay) {
  const std::vector<Advisory> advisories = {load("vuln_feeds/kev/known_exploited_vulnerabilities.json")};
  Device unknown;
  unknown.device_id = "X-1";
  const SsvcAssessment a = assessed(unknown, advisories, "CISA-KEV", "CVE-2010-0232");
  EXPECT_EQ(input(a, "Automatable").value, "yes");
  EXPECT_TRUE(input(a, "Automatable").assumed);
  EXPECT_EQ(input(a, "Automatable").reason, "no CVSS vector: assumed automatable (the conservative default)");
  EXPECT_EQ(input(a, "Technical Impact").value, "total");
  EXPECT_TRUE(input(a, "Technical Impact").assumed);
  EXPECT_EQ(input(a, "System Exposure").value, "open");
  EXPECT_TRUE(input(a, "System Exposure").assumed);
  EXPECT_EQ(input(a, "Safety Impact").value, "catastrophic");
  EXPECT_TRUE(input(a, "Safety Impact").assumed);
  EXPECT_NE(input(a, "Safety Impact").reason.find("life-sustaining not recorded: assumed life-sustaining"), std::string::npos);
  EXPECT_EQ(a.deployer, "immediate");
}

TEST(SsvcAssessment, AConfiguredSegmentAndAPatientConnectedDevice) {
  const std::vector<Advisory> advisories = {load("vuln_feeds/csaf/icsma/icsma-17-215-02.json")};
  Device monitor = pump();
  monitor.life_sustaining = false;
  monitor.network_segment = "VLAN 20";
  SsvcSettings settings;
  settings.exposure["vlan 20"] = "controlled";
  const SsvcAssessment a = assessed(monitor, advisories, "ICSMA-17-215-02", "CVE-2015-1635", settings);
  EXPECT_EQ(input(a, "System Exposure").value, "controlled");
  EXPECT_EQ(input(a, "System Exposure").reason, "network segment \"VLAN 20\" is controlled (devices.ssvc.exposure)");
  EXPECT_EQ(input(a, "Safety Impact").value, "critical");
  EXPECT_EQ(input(a, "Mission Impact").value, "mef support crippled");
  EXPECT_EQ(input(a, "Human Impact").value, "high");
  EXPECT_EQ(a.deployer, "scheduled");  // public poc, controlled, automatable, high
}

TEST(SsvcSettings, ReadsTreeExposureAndDueDaysAndNamesBadKeys) {
  auto ok = devices_config_from_yaml(YAML::Load(
      "ssvc: {tree: cisa, exposure: {'Biomed VLAN': small}, due_days: {immediate: 7, defer: none, scheduled: 60}}"));
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->ssvc.tree, SsvcTree::cisa);
  EXPECT_EQ(ok->ssvc.exposure.at("biomed vlan"), "small");
  EXPECT_EQ(ok->ssvc.days_for("immediate"), 7);
  EXPECT_EQ(ok->ssvc.days_for("defer"), std::nullopt);
  EXPECT_EQ(ok->ssvc.days_for("out-of-cycle"), 30);
  auto bad_outcome = devices_config_from_yaml(YAML::Load("ssvc: {due_days: {soon: 3}}"));
  ASSERT_FALSE(bad_outcome);
  EXPECT_TRUE(bad_outcome.error().message.starts_with("devices.ssvc.due_days.soon: not an outcome")) << bad_outcome.error().message;
  auto bad_days = devices_config_from_yaml(YAML::Load("ssvc: {due_days: {scheduled: soon}}"));
  ASSERT_FALSE(bad_days);
  EXPECT_EQ(bad_days.error().message, "devices.ssvc.due_days.scheduled: expected days (0–3650) or none");
  EXPECT_FALSE(devices_config_from_yaml(YAML::Load("ssvc: {tree: mine}")));
  EXPECT_FALSE(devices_config_from_yaml(YAML::Load("ssvc: {exposure: {lan: wide}}")));
  EXPECT_FALSE(devices_config_from_yaml(YAML::Load("ssvc: {speed: 1}")));
}

}  // namespace
}  // namespace ward::devices
