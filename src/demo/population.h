// Builds the people of the demo hospital: the workforce (roles, departments, shifts, work days,
// a few terminations) and the patient registry, including employees who are patients and
// employees' relatives and neighbours, which the snooping scenarios need.
#pragma once

#include "demo/hospital_generator.h"
#include "demo/hospital_model.h"
#include "demo/seeded_random.h"

namespace ward::demo {

// Staff and patients for `spec` (encounters are left empty). Expects a validated spec:
// spec.users >= 20 so that every role and department has at least one member.
Hospital build_population(const HospitalSpec& spec, const LocalClock& clock, SeededRandom& rng);

}  // namespace ward::demo
