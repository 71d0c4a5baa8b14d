// Builds the encounters of the demo hospital: ED visits (some admitted), clinic visits and
// inpatient stays (some begun before the window), each with a unit and bed, a care team on duty,
// and the transfers and updates the ADT feed reports.
#pragma once

#include "demo/hospital_model.h"
#include "demo/seeded_random.h"

namespace ward::demo {

// Fills h.encounters (ids in order of start time) and each patient's encounter list. Expects
// h from build_population().
void build_encounters(Hospital& h, const LocalClock& clock, SeededRandom& rng);

}  // namespace ward::demo
