#include "demo/built_in_names.h"

#include <array>

namespace ward::demo {
namespace {

constexpr std::array<GivenName, 100> kGivenNames = {{
    {"Mary", 'F'}, {"Elizabeth", 'F'}, {"Patricia", 'F'}, {"Jennifer", 'F'}, {"Linda", 'F'},
    {"Barbara", 'F'}, {"Margaret", 'F'}, {"Susan", 'F'}, {"Dorothy", 'F'}, {"Sarah", 'F'},
    {"Jessica", 'F'}, {"Helen", 'F'}, {"Nancy", 'F'}, {"Betty", 'F'}, {"Karen", 'F'},
    {"Lisa", 'F'}, {"Anna", 'F'}, {"Emily", 'F'}, {"Sandra", 'F'}, {"Ashley", 'F'},
    {"Kimberly", 'F'}, {"Ruth", 'F'}, {"Donna", 'F'}, {"Carol", 'F'}, {"Michelle", 'F'},
    {"Laura", 'F'}, {"Amanda", 'F'}, {"Melissa", 'F'}, {"Rebecca", 'F'}, {"Emma", 'F'},
    {"Stephanie", 'F'}, {"Deborah", 'F'}, {"Sharon", 'F'}, {"Kathleen", 'F'}, {"Cynthia", 'F'},
    {"Amy", 'F'}, {"Shirley", 'F'}, {"Angela", 'F'}, {"Catherine", 'F'}, {"Virginia", 'F'},
    {"Katherine", 'F'}, {"Evelyn", 'F'}, {"Brenda", 'F'}, {"Maria", 'F'}, {"Olivia", 'F'},
    {"Nicole", 'F'}, {"Samantha", 'F'}, {"Christine", 'F'}, {"Alice", 'F'}, {"Rachel", 'F'},
    {"James", 'M'}, {"John", 'M'}, {"Robert", 'M'}, {"Michael", 'M'}, {"William", 'M'},
    {"David", 'M'}, {"Joseph", 'M'}, {"Richard", 'M'}, {"Charles", 'M'}, {"Thomas", 'M'},
    {"Christopher", 'M'}, {"Daniel", 'M'}, {"Matthew", 'M'}, {"George", 'M'}, {"Anthony", 'M'},
    {"Donald", 'M'}, {"Paul", 'M'}, {"Mark", 'M'}, {"Andrew", 'M'}, {"Edward", 'M'},
    {"Steven", 'M'}, {"Kenneth", 'M'}, {"Joshua", 'M'}, {"Kevin", 'M'}, {"Brian", 'M'},
    {"Ronald", 'M'}, {"Timothy", 'M'}, {"Jason", 'M'}, {"Jeffrey", 'M'}, {"Jacob", 'M'},
    {"Ryan", 'M'}, {"Nicholas", 'M'}, {"Frank", 'M'}, {"Gary", 'M'}, {"Eric", 'M'},
    {"Stephen", 'M'}, {"Jonathan", 'M'}, {"Jose", 'M'}, {"Benjamin", 'M'}, {"Samuel", 'M'},
    {"Justin", 'M'}, {"Raymond", 'M'}, {"Scott", 'M'}, {"Brandon", 'M'}, {"Henry", 'M'},
    {"Jack", 'M'}, {"Alexander", 'M'}, {"Gregory", 'M'}, {"Patrick", 'M'}, {"Nathan", 'M'},
}};

constexpr std::array<std::string_view, 100> kSurnames = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans",
    "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
    "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson",
    "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson",
    "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
    "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster",
    "Sullivan",
};

constexpr std::array<std::string_view, 30> kStreets = {
    "Elm St", "Maple Ave", "Oak St", "Pine St", "Cedar Rd", "Washington St", "Main St",
    "Park Ave", "Lincoln Rd", "Highland Ave", "Pleasant St", "Chestnut St", "Spring St",
    "Water St", "Walnut St", "Church St", "School St", "Union St", "Summer St", "Winter St",
    "Prospect St", "Center St", "Franklin St", "Grove St", "Forest Ave", "Hillside Ave",
    "Lake St", "River Rd", "Mill St", "Court St",
};

// ZIP codes checked against ../shared/data/names/zip_centroids.csv (built_in_names_test.cc).
constexpr std::array<Town, 20> kTowns = {{
    {"Worcester", "MA", "01608", "508"},  {"Springfield", "MA", "01103", "413"},
    {"Cambridge", "MA", "02139", "617"},  {"Lowell", "MA", "01852", "978"},
    {"Brockton", "MA", "02301", "508"},   {"Quincy", "MA", "02169", "617"},
    {"New Bedford", "MA", "02740", "508"}, {"Lynn", "MA", "01902", "781"},
    {"Fall River", "MA", "02720", "508"}, {"Lawrence", "MA", "01840", "978"},
    {"Newton", "MA", "02458", "617"},     {"Somerville", "MA", "02143", "617"},
    {"Framingham", "MA", "01701", "508"}, {"Haverhill", "MA", "01830", "978"},
    {"Malden", "MA", "02148", "781"},     {"Waltham", "MA", "02451", "781"},
    {"Brookline", "MA", "02445", "617"},  {"Plymouth", "MA", "02360", "508"},
    {"Medford", "MA", "02155", "781"},    {"Taunton", "MA", "02780", "508"},
}};

}  // namespace

std::span<const GivenName> given_names() { return kGivenNames; }
std::span<const std::string_view> surnames() { return kSurnames; }
std::span<const std::string_view> street_names() { return kStreets; }
std::span<const Town> towns() { return kTowns; }

}  // namespace ward::demo
